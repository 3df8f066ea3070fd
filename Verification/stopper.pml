/* Stopper thread of CPU index i (docs/LOCKSTEP.md "Stopper thread"). */

/* The end of the step's own work, up to and including the arrival: the error and the
 * failure count, progress, then arrivals.add(1, acq_rel). One block: progress is read
 * only by the watchdog, failures only by stoppers after a barrier, which needs this
 * arrival, and the arrival commutes with every read of failures. */
#ifdef MUTANT_EARLY_ADVANCE
#define TARGET (A0 + N * (k + 1) - 1)
#else
#define TARGET (A0 + N * (k + 1))
#endif
#define END_OF_STEP() \
    if \
    :: threw -> FAILWORD++; GHOST_FAIL() \
    :: else -> skip \
    fi; \
    threw = 0; \
    L++; progress[i] = L; \
    arrivals++; a = arrivals; GHOST_ARRIVE(); \
    target = TARGET

/* Every CPU finished step k: read failures, decide (the same on every CPU). */
#ifdef MUTANT_ONE_FAILURE_COUNTER
#define SEEN seen2[0]
#else
#define SEEN seen2[(L - 1) & 1]
#endif
#define DECIDE() \
    DONE_CHECKS(); \
    f = failures[(L - 1) & 1 & FAILMASK]; \
    if \
    :: f != SEEN -> \
        SEEN = f; \
        if \
        :: !inRec && RLEN(P) > 0 -> inRec = 1; j = 0 \
        :: else -> over = 1 \
        fi \
    :: else -> \
        j++; \
        if \
        :: j == LEN(P, inRec) -> over = 1 \
        :: else -> skip \
        fi \
    fi; \
    f = 0; \
    k++

#define READ_SLOT() \
    seen = epoch; P = slotP; A0 = slotA0; T0 = slotT0; seen2[0] = slotF0e; seen2[1] = slotF0o; \
    k = 0; s = 0; inRec = 0; j = 0; over = 0

#define MY_TURN (T0 + s * N + i)

/* The CPU the hand-off wakes: the next in line (Swift: nextInLineBit). */
#ifdef MUTANT_WAKE_SELF
#define NEXT_IN_LINE i
#else
#define NEXT_IN_LINE ((i + 1) % N)
#endif

proctype Stopper(byte i) {
    byte seen;           /* epoch at thread start (0: the engine starts before any run) */
    byte P, A0, T0;      /* the procedure slot, read once after the epoch acquire */
    byte seen2[2];       /* failuresSeenEven / failuresSeenOdd */
    byte L;              /* lifetimeStep: steps run since the engine started */
    byte k, s, j, a, target, f, sc, obs;
    bit  inRec, threw, over;
    byte mySerial;       /* ghost: serial steps this CPU went through, ever */

idle:
    waitChanged(epoch, W_EPOCH, seen, READ_SLOT());
    if
    :: P == EXITP -> goto done
    :: else -> skip
    fi;
    do
    :: atomic {
           /* step k starts: start[k] = now(); then a once or concurrent body at once */
           sc = SCOPE(P, inRec, j);
           START_CHECKS();
           if
           :: sc == SERIAL -> skip
           :: sc == CONC || sc == i -> BODY_RUN(threw); END_OF_STEP()
           :: else -> END_OF_STEP()
           fi
       };
       if
       :: sc == SERIAL ->
            /* wait until turn == T0 + s*N + i (acquire), then the body; a park here is
             * tagged with i (Waiter.waitForTurn), so only a wake for i ends it */
            waitEqual(turn, W_TURN, MY_TURN, SERIAL_BEGIN(); BODY_RUN(threw));
#ifdef MUTANT_TURN_EARLY
            /* Mutant: the hand-off is published before the body ends. */
            turn = MY_TURN + 1;
            atomic { SERIAL_END() };
            wakeTaggedIfSleepers(W_TURN, NEXT_IN_LINE);
#elif defined(MUTANT_NO_SEQCST)
            /* Mutant: turn.store(release) then sleepers.load(seq_cst) is no Dekker pair:
             * the load may be satisfied before the store is visible (x86 store buffer). */
            atomic { SERIAL_END(); f = sleepers[W_TURN] };
            turn = MY_TURN + 1;
            atomic { if :: f > 0 -> futexWakeTagged(W_TURN, NEXT_IN_LINE) :: else -> skip fi; f = 0 };
#else
            atomic { SERIAL_END(); turn = MY_TURN + 1 };
            wakeTaggedIfSleepers(W_TURN, NEXT_IN_LINE);
#endif
            atomic { s++; END_OF_STEP() }
       :: else -> skip
       fi;
       if
       :: a == target ->
#ifndef MUTANT_SKIP_ARRIVAL_WAKE
            wakeIfSleepers(W_ARR);           /* the last arriver of step k */
#endif
            atomic { DECIDE() }
       :: else ->
            waitReached(arrivals, W_ARR, target, DECIDE())
       fi;
       if
       :: over -> break
       :: else ->
            if
            :: a == target -> atomic { GHOST_TAG(); tagL = L; tagId = STEP_ID }  /* stepTag */
            :: else -> skip
            fi
       fi
    od;
    if
    :: a == target -> finished++; wakeIfSleepers(W_FIN)   /* completed the final step */
    :: else -> skip
    fi;
    atomic {
        k = 0; s = 0; j = 0; a = 0; target = 0; f = 0; sc = 0; inRec = 0;
        A0 = 0; T0 = 0; threw = 0; P = 0; over = 0; seen2[0] = 0; seen2[1] = 0
    };
    goto idle;
done:
    skip
}
