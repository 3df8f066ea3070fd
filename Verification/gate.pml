/* A worker thread with one GateToken (docs/LOCKSTEP.md "The stop-the-world gate"). */
proctype Worker(byte w) {
    byte it, obs;
    it = 0;
    do
    :: it < WITER ->
        /* enter() */
        do
        :: slotActive[w] = 1;        /* membarrier mode: plain store (+ compiler barrier) */
           if
           :: closed == 0 -> break   /* fast path */
           :: else ->
                slotActive[w] = 0;
                wakeIfSleepers(W_ACTIVE + w);
                waitEqual(closed, W_CLOSED, 0, skip)
           fi
        od;
        /* gate-protected work */
        atomic { assert(!procActive); inGate++ };
        atomic { inGate-- };
        /* leave() */
        slotActive[w] = 0;
        if
#ifdef MUTANT_LEAVE_NO_WAKE
        :: closed != 0 -> skip   /* mutant: leave() never wakes a parked drainer */
#else
        :: closed != 0 -> wakeIfSleepers(W_ACTIVE + w)   /* fence(seq_cst); wake */
#endif
        :: else -> skip
        fi;
        it++
    :: else -> break
    od
}
