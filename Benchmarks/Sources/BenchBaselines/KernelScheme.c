// A port of multi_cpu_stop() from Linux's kernel/stop_machine.c:
//
//   set_state(): atomic_set(&thread_ack, num_threads); smp_wmb(); WRITE_ONCE(state, new)
//   ack_state(): if (atomic_dec_and_test(&thread_ack)) set_state(state + 1)
//   loop:        cpu_relax(); new = READ_ONCE(state);
//                if (new != cur) { cur = new; <work of the state>; ack_state(); }
//
// `state` and `thread_ack` sit next to each other, as in struct multi_stop_data.
// Each state is one step; the work is empty, so what is measured is the transition.
#include "BenchBaselines.h"
#include "Common.h"

#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

struct multi_stop_data {
    _Alignas(BENCH_LINE) _Atomic uint32_t state;
    _Atomic uint32_t thread_ack;
    uint32_t num_threads;
    _Alignas(BENCH_LINE) int64_t steps;
    int64_t yield_after_ns;
    uint64_t elapsed_ns;
};

struct kernel_arg {
    struct multi_stop_data *msdata;
    int index;
};

static void set_state(struct multi_stop_data *msdata, uint32_t newstate) {
    atomic_store_explicit(&msdata->thread_ack, msdata->num_threads, memory_order_relaxed);
    atomic_store_explicit(&msdata->state, newstate, memory_order_release);  // smp_wmb + WRITE_ONCE
}

static void ack_state(struct multi_stop_data *msdata, uint32_t curstate) {
    if (atomic_fetch_sub_explicit(&msdata->thread_ack, 1, memory_order_acq_rel) == 1)
        set_state(msdata, curstate + 1);
}

/// Waits (spin, then optionally yield) until `state` differs from `curstate`.
static uint32_t wait_for_change(struct multi_stop_data *msdata, uint32_t curstate) {
    uint32_t newstate = atomic_load_explicit(&msdata->state, memory_order_acquire);
    if (newstate != curstate || msdata->yield_after_ns < 0) {
        while (newstate == curstate) {
            bench_cpu_relax();
            newstate = atomic_load_explicit(&msdata->state, memory_order_acquire);
        }
        return newstate;
    }
    uint64_t spin_start = bench_monotonic_ns();
    int yielding = 0;
    uint32_t spins = 0;
    while (newstate == curstate) {
        if (yielding) {
            sched_yield();
        } else {
            bench_cpu_relax();
            // Reading the clock costs about one pause: look at it every 16 spins.
            if ((++spins & 15) == 0 &&
                bench_monotonic_ns() - spin_start >= (uint64_t)msdata->yield_after_ns)
                yielding = 1;
        }
        newstate = atomic_load_explicit(&msdata->state, memory_order_acquire);
    }
    return newstate;
}

static void *multi_cpu_stop(void *raw) {
    struct kernel_arg *arg = raw;
    struct multi_stop_data *msdata = arg->msdata;
    // State 0 is the start (every thread acks it once it runs); states 1...steps are the
    // timed steps; the last acker of state `steps` moves to `steps + 1`, the exit.
    const uint32_t exit_state = (uint32_t)msdata->steps + 1;
    uint32_t curstate = UINT32_MAX;
    uint64_t start = 0;
    for (;;) {
        uint32_t newstate = wait_for_change(msdata, curstate);
        curstate = newstate;
        if (arg->index == 0) {
            if (curstate == 1) start = bench_monotonic_ns();
            if (curstate == exit_state) msdata->elapsed_ns = bench_monotonic_ns() - start;
        }
        if (curstate == exit_state) break;
        ack_state(msdata, curstate);
    }
    return NULL;
}

double bench_kernel_scheme_step_ns(int threads, const int *cpus, int64_t steps,
                                   int64_t yield_after_ns) {
    static struct multi_stop_data msdata;
    msdata.num_threads = (uint32_t)threads;
    msdata.steps = steps;
    msdata.yield_after_ns = yield_after_ns;
    msdata.elapsed_ns = 0;
    set_state(&msdata, 0);
    struct kernel_arg *args = calloc((size_t)threads, sizeof(*args));
    if (args == NULL) return -ENOMEM;
    for (int i = 0; i < threads; i++) args[i] = (struct kernel_arg){&msdata, i};
    int rc = bench_run_threads(threads, cpus, multi_cpu_stop, args, sizeof(args[0]));
    free(args);
    if (rc != 0) return rc;
    return (double)msdata.elapsed_ns / (double)steps;
}
