/* Compile-time parameters (pass -DNAME=value to spin -a / gcc). */
#ifndef N
#define N 2            /* CPUs = stopper threads */
#endif
#ifndef W
#define W 1            /* gate worker threads */
#endif
#ifndef WITER
#define WITER 1        /* enter/leave rounds per worker */
#endif
#ifndef WDMAX
#define WDMAX 1        /* watchdog timeouts per wait of the coordinator */
#endif
#ifndef FAILS
#define FAILS 1        /* 1: any body may throw (nondeterministic); 0: none does */
#endif

/* Step scopes: once(c) is the CPU index c itself (0..N-1). */
#define SERIAL 100
#define CONC   101
#define EXITP  255     /* the exit marker in the procedure slot */
#define NPROC  2       /* procedures run back to back, counters never reset */

/*
 * The procedures (a table, read-only like the Swift PublishedProcedure).
 * Default ("full"):
 *   procedure 0: main [once(lead), serial, concurrent], recovery [serial]
 *   procedure 1: main [concurrent, once(last CPU)],       recovery []
 * -DSHORT (larger N): procedure 0 without its concurrent main step.
 * -DGATEONLY (gate scenario): procedure 0: [once(lead)], procedure 1: [concurrent].
 */
#if defined(GATEONLY)
#define MLEN(p)     1
#define MSCOPE(p,j) ((p) == 0 -> 0 : CONC)
#define RLEN(p)     0
#elif defined(SHORT)
#define MLEN(p)     2
#define MSCOPE(p,j) ((p) == 0 -> ((j) == 0 -> 0 : SERIAL) : ((j) == 0 -> CONC : N-1))
#define RLEN(p)     ((p) == 0 -> 1 : 0)
#else
#define MLEN(p)     ((p) == 0 -> 3 : 2)
#define MSCOPE(p,j) ((p) == 0 -> ((j) == 0 -> 0 : ((j) == 1 -> SERIAL : CONC)) : ((j) == 0 -> CONC : N-1))
#define RLEN(p)     ((p) == 0 -> 1 : 0)
#endif
#define RSCOPE(p,j) SERIAL
#define LEN(p,rec)      ((rec) -> RLEN(p) : MLEN(p))
#define SCOPE(p,rec,j)  ((rec) -> RSCOPE(p,j) : MSCOPE(p,j))

/* pids: init 0, stoppers 1..N, workers N+1..N+W, coordinator N+W+1 */
#define NPID (N + W + 2)
#ifndef FAILMAX
#define FAILMAX 2      /* failing (step, CPU) executions per procedure, at most */
#endif
#ifndef NO_WATCHDOG_CHECK
#define NO_WATCHDOG_CHECK 0
#endif
#ifndef PARKMASK
#define PARKMASK 255   /* bit w set: threads may park on futex word w (W_* in shared.pml) */
#endif
#define PARKS_ON(wid) ((PARKMASK >> ((wid) < 6 -> (wid) : 6)) & 1)
#ifndef PARKMAX
#define PARKMAX 255    /* park episodes (sleepers announcements) per run, all threads; 255: no bound */
#endif
