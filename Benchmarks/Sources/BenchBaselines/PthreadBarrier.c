#include "BenchBaselines.h"
#include "Common.h"

#include <errno.h>
#include <stdlib.h>

struct barrier_shared {
    pthread_barrier_t barrier;
    int64_t steps;
    uint64_t elapsed_ns;
};

struct barrier_arg {
    struct barrier_shared *shared;
    int index;
};

static void *barrier_thread(void *raw) {
    struct barrier_arg *arg = raw;
    struct barrier_shared *s = arg->shared;
    pthread_barrier_wait(&s->barrier);  // everyone started: the clock starts here
    uint64_t start = arg->index == 0 ? bench_monotonic_ns() : 0;
    for (int64_t i = 0; i < s->steps; i++) pthread_barrier_wait(&s->barrier);
    if (arg->index == 0) s->elapsed_ns = bench_monotonic_ns() - start;
    return NULL;
}

double bench_pthread_barrier_step_ns(int threads, const int *cpus, int64_t steps) {
    struct barrier_shared shared = {.steps = steps};
    int rc = pthread_barrier_init(&shared.barrier, NULL, (unsigned)threads);
    if (rc != 0) return -rc;
    struct barrier_arg *args = calloc((size_t)threads, sizeof(*args));
    if (args == NULL) return -ENOMEM;
    for (int i = 0; i < threads; i++) args[i] = (struct barrier_arg){&shared, i};
    rc = bench_run_threads(threads, cpus, barrier_thread, args, sizeof(args[0]));
    free(args);
    pthread_barrier_destroy(&shared.barrier);
    if (rc != 0) return rc;
    return (double)shared.elapsed_ns / (double)steps;
}
