/*
 * Ghost state and the properties checked (assertions; the liveness claim is in
 * lockstep.pml). Ghost variables are written only inside the atomic block of the
 * engine statement they observe; the engine never reads them.
 */
byte fin[N];          /* steps finished (arrived) by each CPU, ever */
byte curG, curId;     /* the global step the CPUs are in (+1) and which step it is */
byte serialRuns;      /* serial bodies completed, ever */
bit  inSerial;        /* a serial body is running */
byte onceRuns;        /* once bodies run, ever */
byte onceLastG;       /* the global step (+1) of the last once body */
byte gFailMain;       /* 1 + index of the failing main step of this procedure, 0: none */
byte gFailRec;        /* 1 + index of the failing recovery step, 0: none */
byte gFails;          /* failing executions in this procedure (bounded by FAILMAX) */
byte finBase, serialBase, onceBase;   /* values at the procedure's publication */
byte inGate;          /* workers inside the gate */
bit  procActive;      /* between publishing a procedure and seeing it finished */
bit  allDone;         /* the coordinator returned from its last procedure and shut down */

#define STEP_ID (P * 16 + inRec * 8 + j)

/* At the start of a step, before anything of its body (inside the step's first block). */
#define START_CHECKS() \
    /* lockstep: no CPU is still in an earlier step */ \
    wi = 0; \
    do \
    :: wi < N -> assert(fin[wi] >= fin[i]); wi++ \
    :: else -> break \
    od; \
    wi = 0; \
    /* agreement: every CPU runs the same step of the same procedure as its step fin[i] */ \
    if \
    :: curG == fin[i] + 1 -> assert(curId == STEP_ID) \
    :: else -> curG = fin[i] + 1; curId = STEP_ID \
    fi; \
    /* failure rule: no main step after a failing one; recovery only after a failure, \
     * no recovery step after a failing one */ \
    if \
    :: !inRec -> assert(gFailMain == 0 || gFailMain - 1 >= j) \
    :: else -> assert(gFailMain != 0); assert(gFailRec == 0 || gFailRec - 1 >= j) \
    fi

/* The body: no gate-protected work in flight; a once body at most once per step;
 * it may throw (any CPU, any step; at most FAILMAX times per procedure). */
#define BODY_RUN(threw) \
    assert(inGate == 0); \
    if \
    :: sc < N -> assert(onceLastG != fin[i] + 1); onceLastG = fin[i] + 1; onceRuns++ \
    :: else -> skip \
    fi; \
    if \
    :: FAILS && gFails < FAILMAX -> threw = 1; gFails++ \
    :: true -> skip \
    fi

/* Serial: never two bodies at once, CPU i runs after CPUs 0..i-1 of the same step. */
#define SERIAL_BEGIN() \
    assert(!inSerial && serialRuns == mySerial * N + i); inSerial = 1
#define SERIAL_END() \
    inSerial = 0; serialRuns++; mySerial++

#define GHOST_FAIL() \
    if \
    :: !inRec && gFailMain == 0 -> gFailMain = j + 1 \
    :: inRec && gFailRec == 0 -> gFailRec = j + 1 \
    :: else -> assert(gFailRec == j + 1 || (!inRec && gFailMain == j + 1)) \
    fi

#define GHOST_ARRIVE() fin[i]++

/* After the barrier of a step every CPU has finished it. */
#define DONE_CHECKS() \
    wi = 0; \
    do \
    :: wi < N -> assert(fin[wi] >= fin[i]); wi++ \
    :: else -> break \
    od; \
    wi = 0

#define GHOST_PUBLISH() \
    gFailMain = 0; gFailRec = 0; gFails = 0; finBase = fin[0]; serialBase = serialRuns; \
    onceBase = onceRuns; procActive = 1

/* The executed sequence, from the ghost failure record (independent of the engine). */
hidden byte xK, xSer, xOnce, xM, xR, xj;
#define EXPECTED(p) \
    xM = (gFailMain == 0 -> MLEN(p) : gFailMain); \
    xR = ((gFailMain == 0 || RLEN(p) == 0) -> 0 : (gFailRec == 0 -> RLEN(p) : gFailRec)); \
    xK = xM + xR; xSer = 0; xOnce = 0; \
    xj = 0; \
    do \
    :: xj < xM -> if :: MSCOPE(p, xj) == SERIAL -> xSer++ :: MSCOPE(p, xj) < N -> xOnce++ :: else -> skip fi; xj++ \
    :: else -> break \
    od; \
    xj = 0; \
    do \
    :: xj < xR -> if :: RSCOPE(p, xj) == SERIAL -> xSer++ :: RSCOPE(p, xj) < N -> xOnce++ :: else -> skip fi; xj++ \
    :: else -> break \
    od

/* The coordinator, after it saw `finished` reach its target: the report is complete. */
#define REPORT_CHECKS() \
    atomic { \
        EXPECTED(p); \
        wi = 0; \
        do \
        :: wi < N -> assert(progress[wi] == finBase + xK && fin[wi] - finBase == xK); wi++ \
        :: else -> break \
        od; \
        wi = 0; \
        assert(serialRuns - serialBase == N * xSer); \
        assert(onceRuns - onceBase == xOnce); \
        procActive = 0; \
        xK = 0; xSer = 0; xOnce = 0; xM = 0; xR = 0; xj = 0 \
    }

/* The watchdog only reads: stepTag (acquire), then every CPU's progress (one snapshot
 * here; the real loads are separate, which only adds reports of CPUs that finish between
 * them). Checked: the tag names a step of this procedure, and names it right (the cursor
 * of the step the CPUs run as lifetime step tagL); it lags the CPUs by at most one step;
 * every CPU that has not finished step tagL is named (progress has not reached tagL+1). */
#define WATCHDOG() \
    atomic { \
        assert(REACHED(tagL, L0) && tagL - L0 < MLEN(p) + RLEN(p)); \
        assert(curG != tagL + 1 || curId == tagId); \
        wi = 0; \
        do \
        :: wi < N -> \
            assert(fin[wi] <= tagL + 2); \
            assert(fin[wi] > tagL || !REACHED(progress[wi], tagL + 1)); \
            wi++ \
        :: else -> break \
        od; \
        wi = 0 \
    }

/* stepTag moves one lifetime step at a time, in order (one writer per step). */
#define GHOST_TAG() assert(L == tagL + 1)
