// Baselines for lockstep-bench, written in C so that they measure the mechanism and
// nothing else: a two-thread cache-line ping-pong (the physical floor of any hand-off),
// pthread_barrier_wait, and a port of Linux's multi_cpu_stop() state machine.
//
// Every function creates its own threads, lets them meet once before the clock starts
// (thread creation is never timed), and returns nanoseconds per step (per round trip
// for the ping-pong), or a negative errno value when a thread could not be created or
// pinned.
#ifndef BENCH_BASELINES_H
#define BENCH_BASELINES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Round trip of one 32-bit word between a thread on `cpu_a` and one on `cpu_b`
/// (negative: unpinned), spinning with `pause`: the cost of moving a cache line to the
/// other core and back. Returns ns per round trip.
double bench_pingpong_rtt_ns(int cpu_a, int cpu_b, int64_t round_trips);

/// `threads` threads call `pthread_barrier_wait` `steps` times in a row. `cpus` holds
/// one CPU per thread (negative: unpinned) or is NULL (all unpinned). Returns ns per
/// barrier (one step transition of every thread).
double bench_pthread_barrier_step_ns(int threads, const int *cpus, int64_t steps);

/// Linux's multi_cpu_stop() scheme (kernel/stop_machine.c): one shared `state` word
/// and an ack counter next to it; every thread spins with `pause` until `state`
/// changes, runs the (empty) step, and decrements the counter; the last acker resets
/// the counter and advances `state`. With `yield_after_ns` >= 0 a waiting thread calls
/// `sched_yield()` between checks once it has spun that long. Returns ns per state
/// transition (one step of every thread).
double bench_kernel_scheme_step_ns(int threads, const int *cpus, int64_t steps,
                                   int64_t yield_after_ns);

/// Monotonic clock in nanoseconds.
uint64_t bench_monotonic_ns(void);

/// CPU time consumed by the calling thread, in ns (immune to preemption by other load).
uint64_t bench_thread_cpu_ns(void);

/// CPU time (user + system) consumed by waited-for child processes so far, in ns.
uint64_t bench_children_cpu_ns(void);


#ifdef __cplusplus
}
#endif
#endif
