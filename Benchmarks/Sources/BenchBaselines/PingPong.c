#include "BenchBaselines.h"
#include "Common.h"

#include <stdatomic.h>

struct pingpong {
    _Alignas(BENCH_LINE) _Atomic uint32_t turn;  // 1: the answering thread's move
    _Alignas(BENCH_LINE) _Atomic uint32_t ready;
    int64_t round_trips;
    uint64_t elapsed_ns;
};

struct pingpong_arg {
    struct pingpong *shared;
    int initiator;
};

static void *pingpong_thread(void *raw) {
    struct pingpong_arg *arg = raw;
    struct pingpong *s = arg->shared;
    const int64_t warmup = 1000;
    if (arg->initiator) {
        while (atomic_load_explicit(&s->ready, memory_order_acquire) == 0) bench_cpu_relax();
        uint64_t start = 0;
        for (int64_t i = 0; i < s->round_trips + warmup; i++) {
            if (i == warmup) start = bench_monotonic_ns();
            atomic_store_explicit(&s->turn, 1, memory_order_release);
            while (atomic_load_explicit(&s->turn, memory_order_acquire) != 0) bench_cpu_relax();
        }
        s->elapsed_ns = bench_monotonic_ns() - start;
    } else {
        atomic_store_explicit(&s->ready, 1, memory_order_release);
        for (int64_t i = 0; i < s->round_trips + warmup; i++) {
            while (atomic_load_explicit(&s->turn, memory_order_acquire) != 1) bench_cpu_relax();
            atomic_store_explicit(&s->turn, 0, memory_order_release);
        }
    }
    return NULL;
}

double bench_pingpong_rtt_ns(int cpu_a, int cpu_b, int64_t round_trips) {
    static struct pingpong shared;
    atomic_store(&shared.turn, 0);
    atomic_store(&shared.ready, 0);
    shared.round_trips = round_trips;
    shared.elapsed_ns = 0;
    struct pingpong_arg args[2] = {{&shared, 1}, {&shared, 0}};
    int cpus[2] = {cpu_a, cpu_b};
    int rc = bench_run_threads(2, cpus, pingpong_thread, args, sizeof(args[0]));
    if (rc != 0) return rc;
    return (double)shared.elapsed_ns / (double)round_trips;
}
