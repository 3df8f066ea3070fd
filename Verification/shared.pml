/* The engine's shared words (Swift: UInt32 atomics, wrapping; here bytes, mod 256). */
byte epoch;        /* procedures published (futex word) */
byte arrivals;     /* step completions by all CPUs, ever (futex word) */
byte turn;         /* serial hand-offs, ever (futex word) */
#ifdef MUTANT_ONE_FAILURE_COUNTER
byte failures[1];  /* mutant: the first draft's single counter, base F0 per procedure */
#define FAILWORD failures[0]
#else
byte failures[2];  /* failed (step, CPU) executions, ever, by parity of the lifetime step L */
#define FAILWORD failures[L & 1]
#endif
byte finished;     /* procedures completed (futex word) */
byte progress[N];  /* per CPU: lifetime steps finished (the watchdog's view; L0 source) */
byte tagL, tagId;  /* stepTag: lifetime step in progress and its cursor (one 64-bit store) */

/* The procedure slot: written by the coordinator before epoch, read by stoppers after. */
byte slotP = EXITP;
byte slotA0, slotT0, slotF0e, slotF0o;

/* The stop-the-world gate. */
byte closed;       /* stops in progress; 0 = open (futex word) */
bit  slotActive[W + 1];    /* one padded slot word per GateToken (futex word of the drainer) */

/* The kernel's futex queue: blk[pid] = the word (W_*) that thread is parked on, 0 = none. */
#define W_EPOCH  1
#define W_ARR    2
#define W_TURN   3
#define W_FIN    4
#define W_CLOSED 5
#define W_ACTIVE 6   /* W_ACTIVE + w: slotActive[w] */
byte blk[NPID];
byte sleepers[W_ACTIVE + W + 1];  /* per futex word: threads parked or about to park on it */
#if PARKMAX < 255
byte parks;        /* park episodes so far, bounded by PARKMAX */
#define PARK_BUDGET (parks < PARKMAX)
#define PARK_SPEND parks++
#else
#define PARK_BUDGET true
#define PARK_SPEND skip
#endif
hidden byte wi;    /* loop index used only inside d_step */

/* "x reached t" = Int32(bitPattern: x &- t) >= 0, here on 8 bits. */
#define REACHED(x, t) (((x) - (t) + 256) % 256 < 128)

#ifdef MUTANT_ONE_FAILURE_COUNTER
#define FAILMASK 0
#else
#define FAILMASK 1
#endif
