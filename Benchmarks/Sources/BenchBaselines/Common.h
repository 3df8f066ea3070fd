// Helpers shared by the baseline implementations (not part of the public header).
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <pthread.h>
#include <stdint.h>

#define BENCH_LINE 128

static inline void bench_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield" ::: "memory");
#endif
}

/// Starts `count` threads running `entry(args + i * arg_size)`, each pinned to
/// `cpus[i]` when `cpus` is not NULL and `cpus[i] >= 0`. Returns 0 or -errno (threads
/// already started are joined first).
int bench_run_threads(int count, const int *cpus, void *(*entry)(void *), void *args,
                      uint64_t arg_size);

#endif
