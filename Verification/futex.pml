/*
 * Waiting and waking (docs/LOCKSTEP.md "Waiting").
 *
 * Spin and yield are loads that either see the target (leave) or do not (stutter:
 * no state change), so they are one guard `COND -> break`. At any moment the thread
 * may instead go to park (nondeterministic choice), whatever the spin budget.
 * Park: sleepers.add(1, seq_cst); re-load the word; if still short, futex_wait(word,
 * observed); sleepers.sub(1); re-check. futex_wait compares the word with the observed
 * value atomically in the kernel and then blocks until a futex_wake on that word:
 * a change of the word alone does NOT unblock it, so a lost wake-up is a deadlock.
 * Spurious wake-ups are not modelled: a re-check after one is the same as the
 * re-check after a real wake.
 *
 * Every statement is one atomic memory access; SPIN's interleaving is sequentially
 * consistent. That is what the seq_cst operations of the handshake guarantee; the
 * acquire/release and relaxed accesses are justified in docs/LOCKSTEP.md (release
 * sequences / RMW chains), not by this model.
 */

/* futex_wait(word, observed): returns at once if the word changed, else parks. */
inline futexWait(word, wid, observed) {
    atomic {
        if
        :: word == observed -> blk[_pid] = wid
        :: else -> skip
        fi;
        observed = 0
    }
}

/* futex_wake(word, INT_MAX): unparks every thread parked on that word. */
inline futexWake(wid) {
    atomic {
        wi = 0;
        do
        :: wi < NPID -> if :: blk[wi] == wid -> blk[wi] = 0 :: else -> skip fi; wi++
        :: else -> break
        od;
        wi = 0
    }
}

/* futex_wake_bitset(word, INT_MAX, bit of CPU index c): unparks only the threads parked on
 * that word with the tag of CPU c. Only stoppers park tagged (on `turn`, with their own
 * index; the Swift bit is index & 31, so up to N = 32 tags never collide), and only the
 * serial hand-off wakes tagged. Stopper(c) is pid c + 1 (params.pml). */
inline futexWakeTagged(wid, c) {
    atomic {
        wi = 0;
        do
        :: wi < NPID -> if :: blk[wi] == wid && wi == (c) + 1 -> blk[wi] = 0 :: else -> skip fi; wi++
        :: else -> break
        od;
        wi = 0
    }
}

inline wakeTaggedIfSleepers(wid, c) {
    atomic {
        if
        :: sleepers[wid] > 0 -> futexWakeTagged(wid, c)
        :: else -> skip
        fi
    }
}

/* The waker's half of the Dekker handshake: after changing the word, sleepers.load(seq_cst). */
inline wakeIfSleepers(wid) {
    atomic {
        if
        :: sleepers[wid] > 0 -> futexWake(wid)
        :: else -> skip
        fi
    }
}

/* The waiter: wait until COND holds on `word`; COND_WORD tests the word itself, COND_OBS
 * the loaded `obs`. AFTER runs atomically with the load that saw COND true: the engine
 * does its next loads right after, and every condition waited on stays true once true
 * (counters only grow; `turn` only moves on when its waiter moves it), so a later
 * execution of AFTER is always also a run of the model.
 * The park decision follows a spin/yield load that saw COND false. The sleepers
 * decrements are merged with the step after them: they only make a waker skip a wake
 * that would find this thread awake already. */
#ifdef MUTANT_NO_ANNOUNCE
/* Mutant: the waiter parks without announcing itself in the word's sleeper count. */
#define ANNOUNCE(wid) sleepers[wid] = sleepers[wid]
#define RETRACT(wid) skip
#else
#define ANNOUNCE(wid) sleepers[wid]++
#define RETRACT(wid) sleepers[wid]--
#endif
#define WAIT_UNTIL(word, wid, COND_WORD, COND_OBS, AFTER) \
    do \
    :: atomic { COND_WORD -> AFTER; break } \
    :: atomic { PARK_BUDGET && PARKS_ON(wid) && !(COND_WORD) -> PARK_SPEND; ANNOUNCE(wid) }; \
        atomic { \
            obs = word; \
            if \
            :: COND_OBS -> RETRACT(wid); obs = 0; AFTER; break \
            :: else -> skip \
            fi \
        }; \
        futexWait(word, wid, obs); \
        atomic { blk[_pid] == 0 -> RETRACT(wid) } \
    od

#define waitReached(word, wid, t, AFTER) WAIT_UNTIL(word, wid, REACHED(word, t), REACHED(obs, t), AFTER)
#define waitEqual(word, wid, v, AFTER)   WAIT_UNTIL(word, wid, (word == v), (obs == v), AFTER)
#define waitChanged(word, wid, v, AFTER) WAIT_UNTIL(word, wid, (word != v), (obs != v), AFTER)
