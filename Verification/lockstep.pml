/*
 * lockstep.pml: a Promela model of the Lockstep engine (docs/LOCKSTEP.md,
 * Sources/Lockstep). Verification/README.md says what is modelled and how it maps
 * to the Swift code; check.sh runs it.
 */
#include "params.pml"
#include "shared.pml"
#include "props.pml"
#include "futex.pml"
#include "stopper.pml"
#include "coordinator.pml"
#include "gate.pml"

init {
    atomic {
        byte c = 0;
        do
        :: c < N -> run Stopper(c); c++
        :: else -> break
        od;
        c = 0;
        do
        :: c < W -> run Worker(c); c++
        :: else -> break
        od;
        run Coordinator()
    }
}

/* Every run ends: all procedures complete and the engine shuts down (weak fairness). */
ltl terminates { <> allDone }
