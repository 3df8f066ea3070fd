/*
 * lockstep.pml: a Promela model of the Lockstep engine (docs/LOCKSTEP.md,
 * Sources/Lockstep). Verification/README.md says what is modelled and what is not;
 * check.sh runs it. When the engine's algorithm changes, this model changes in the
 * same commit.
 *
 * MAPPING: model -> Swift (paths under Sources/Lockstep/)
 *
 * Shared words (shared.pml)
 *   epoch, arrivals, turn, finished   LockstepCore.swift: Word.epoch/.arrivals/.turn/
 *                                     .finished, one 128-byte PaddedBlocks block each
 *   failures[2]                       Word.failuresEven/.failuresOdd;
 *                                     LockstepCore.failureCounter(forLifetimeStep:)
 *   sleepers[w]                       PaddedAtomics.swift: the block's `sleepers` word
 *                                     (offset 64), one per futex word (FutexWord.sleepers)
 *   progress[i]                       LockstepCore.progress (per-CPU PaddedBlocks word)
 *   tagL, tagId                       LockstepCore.stepTag (UInt64: L << 32 | cursor code)
 *   slotP, slotA0, slotT0, slotF0e/o  LockstepCore.publication (.run(PublishedProcedure):
 *                                     arrivalsBase, turnBase, failureBases) / .exit
 *   closed                            StopGate.closed (PaddedBlocks word)
 *   slotActive[w]                     GateSlot.block word 0 (GateToken.active)
 *   blk[pid]                          the kernel's futex wait queue
 *   REACHED(x, t)                     PaddedAtomics.swift: reached(_:_:)
 *
 * Waiting and waking (futex.pml)
 *   WAIT_UNTIL guard `COND -> AFTER`  Waiting.swift: Waiter.waitTimed spin/yield loads
 *   ANNOUNCE; obs = word; COND_OBS    Waiter.park: sleepers.wrappingAdd(1, seq_cst);
 *                                     atomic.load(seq_cst); done(value)
 *   futexWait                         Futex.swift: Futex.wait (clockstep_futex_wait)
 *   blk == 0 -> RETRACT               Futex.wait returns; sleepers.wrappingSubtract(1)
 *   wakeIfSleepers / futexWake        PaddedAtomics.swift: FutexWord.wakeAllIfSleeping
 *                                     (sleepers.load(seq_cst) != 0 -> Futex.wake(INT_MAX))
 *   wakeTaggedIfSleepers /            FutexWord.wakeIfSleeping(bits:) (Futex.wake with bits,
 *   futexWakeTagged                   FUTEX_WAKE_BITSET); its waiter: Waiter.waitForTurn,
 *                                     whose park is Futex.wait with bits (FUTEX_WAIT_BITSET)
 *
 * Stopper (stopper.pml) = LockstepCore+Stopper.swift
 *   seen = 0; waitChanged(epoch)      stopperMain: `seen = idleWaiter.wait(on: epoch)` (the
 *                                     Swift waiter parks at once there; the model may also
 *                                     re-check first, a superset of its schedules)
 *   READ_SLOT(); P == EXITP           `guard case .run(let procedure) = publication`
 *   L (lifetimeStep)                  stopperMain/runProcedure `lifetimeSteps`
 *   seen2[0/1]                        runProcedure: failuresSeenEven / failuresSeenOdd
 *   sc = SCOPE(P, inRec, j)           procedure.unretainedStep(at: cursor).scope
 *   BODY_RUN (once, concurrent)       `case .once(let runner)` / `case .concurrent`: body
 *   waitEqual(turn, MY_TURN); BODY    `case .serial`: waitForTurn(on: turn, turn: myTurn, bits: myTurnBit); body
 *   turn = MY_TURN + 1;               turn.store(myTurn &+ 1, seq_cst);
 *   wakeTaggedIfSleepers(W_TURN,      turn.wakeIfSleeping(bits: nextInLineBit)
 *     NEXT_IN_LINE)
 *   END_OF_STEP: FAILWORD++           failures.wrappingAdd(1, relaxed) (if thrown)
 *                L++; progress = L    lifetimeStep &+= 1; progress.store(lifetimeStep)
 *                arrivals++; target   arrivals.wrappingAdd(1, seq_cst); target
 *   a == target -> wake(arrivals)     isLastArriver: arrivals.wakeAllIfSleeping()
 *   waitReached(arrivals, target)     stopperWaiter.wait(on: arrivals) { reached($0, target) }
 *   DECIDE: f = failures[..]; SEEN    failures.load(relaxed); failed = count != seen
 *           inRec/j/over              StepCursor.swift: StepCursor.next(failed:...)
 *   tagL = L; tagId (last arriver)    stepTag.store(L << 32 | next.code, release)
 *   finished++; wake(finished)        `guard let next ... else`: finished.wrappingAdd;
 *                                     finished.wakeAllIfSleeping()
 *
 * Coordinator (coordinator.pml)
 *   closed++ (+ membarrier)           StopGate.close(): closed.wrappingAdd(1, seq_cst);
 *                                     Membarrier.globalFence()
 *   waitEqual(slotActive[w], 0)       StopGate.close(): waiter.waitTimed(on: active) {$0==0}
 *   doneTarget, A0, T0, F0e/o, L0     LockstepCore+Coordinator.swift: coordinate(...):
 *                                     finishedTarget, arrivalsBase, turnBase,
 *                                     failureBases, lifetimeStepBase (progress of CPU 0)
 *   tagL = L0; tagId                  coordinate: stepTag.store(L0 << 32 | first)
 *   slot; epoch++; wake(epoch)        LockstepCore.publish(_:)
 *   wait finished / timeout           coordinate: coordinatorWaiter.waitTimed(on: finished,
 *                                     deadlineNs:)
 *   WATCHDOG()                        Watchdog.swift: Watchdog.check(core:procedure:)
 *   REPORT_CHECKS()                   coordinate -> report(of:...) (reads logs after
 *                                     `finished`; the assertions are the oracle)
 *   closed--; wake(closed)            StopGate.reopen()
 *   slotP = EXITP; epoch++            StopMachine.swift: shutdown -> core.publish(.exit)
 *
 * Gate worker (gate.pml) = Gate/GateToken.swift
 *   slotActive = 1; closed == 0       enter(): active.store(1, relaxed);
 *                                     clockstep_compiler_barrier(); closed.load(acquire)
 *   slotActive = 0; wake(active);     enterSlowly(): active.store(0, release);
 *   waitEqual(closed, 0)              wakeDrainer() (fence + wakeAllIfSleeping);
 *                                     gate.waitWhileClosed()
 *   slotActive = 0; closed != 0 ->    leave(): active.store(0, release);
 *   wake(active)                      closed.load(relaxed) != 0 -> wakeDrainer()
 *
 * Ghost state and assertions: props.pml (never read by the engine part).
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
