/* The coordinator: stopTheWorld(gate:, procedure) for each procedure, then shutdown.
 * (docs/LOCKSTEP.md "Coordinator" and "The stop-the-world gate".) */
proctype Coordinator() {
    byte p, A0, T0, F0e, F0o, L0, doneTarget, obs, wd, w;

    p = 0;
    do
    :: p < NPROC ->
        /* StopGate.close(): closed.add(1, seq_cst); membarrier(PRIVATE_EXPEDITED). After
         * membarrier every worker's earlier `active` store is visible as if the worker had
         * run a full fence: SC interleaving gives exactly that. */
        closed++;
#ifndef MUTANT_NO_DRAIN
        w = 0;
        do
        :: w < W -> waitEqual(slotActive[w], W_ACTIVE + w, 0, skip); w++
        :: else -> break
        od;
        w = 0;
#endif
        /* coordinate(): the bases (every stopper is between procedures) */
        doneTarget = finished + 1;
        A0 = arrivals;
        T0 = turn;
        F0e = failures[0];
#ifndef MUTANT_ONE_FAILURE_COUNTER
        F0o = failures[1];
#endif
        L0 = progress[0];
        atomic { tagL = L0; tagId = p * 16; GHOST_PUBLISH() };       /* stepTag = L0 << 32 | first */
        atomic { slotP = p; slotA0 = A0; slotT0 = T0; slotF0e = F0e; slotF0o = F0o };
        epoch++;                                                /* publish(): epoch.add(seq_cst) */
        wakeIfSleepers(W_EPOCH);
#ifdef MUTANT_EARLY_REOPEN
        closed--;
        wakeIfSleepers(W_CLOSED);
#endif
        /* wait until finished reached doneTarget; a timeout runs the watchdog */
        wd = 0;
        do
        :: REACHED(finished, doneTarget) -> break
        :: wd < WDMAX && !REACHED(finished, doneTarget) -> wd++; WATCHDOG()
        :: PARK_BUDGET && PARKS_ON(W_FIN) && !REACHED(finished, doneTarget) ->
            atomic { PARK_SPEND; sleepers[W_FIN]++ };
            atomic {
                obs = finished;
                if
                :: REACHED(obs, doneTarget) -> sleepers[W_FIN]--; obs = 0; break
                :: else -> skip
                fi
            };
            futexWait(finished, W_FIN, obs);
            if
            :: atomic { blk[_pid] == 0 -> sleepers[W_FIN]-- }                 /* woken */
            :: atomic { wd < WDMAX && blk[_pid] != 0 ->                          /* timed out */
                   blk[_pid] = 0; sleepers[W_FIN]--; wd++ };
               WATCHDOG()
            fi
        od;
        REPORT_CHECKS();
#ifndef MUTANT_EARLY_REOPEN
        closed--;                                               /* StopGate.reopen() */
        wakeIfSleepers(W_CLOSED);
#endif
        atomic { wd = 0; A0 = 0; T0 = 0; F0e = 0; F0o = 0; L0 = 0; doneTarget = 0 };
        p++
    :: else -> break
    od;
    /* shutdown(): publish the exit marker */
    slotP = EXITP;
    epoch++;
    wakeIfSleepers(W_EPOCH);
    allDone = 1
}
