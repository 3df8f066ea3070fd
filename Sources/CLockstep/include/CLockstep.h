// What Swift cannot express on Linux: the spin-loop hint, futex wait/wake, membarrier,
// CPU affinity and sched_getcpu. Every GNU-only function or macro becomes a prefixed real
// (or static inline) function, in the style of swift-nio's CNIOLinux.
#ifndef C_LOCKSTEP_H
#define C_LOCKSTEP_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The spin-wait hint (`pause` on x86, `yield` on arm64). Inlined into Swift loops.
static inline void clockstep_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield" ::: "memory");
#endif
}

/// A compiler-only barrier: no memory access moves across it; emits no instruction.
/// Used with `clockstep_membarrier_global_fence` for asymmetric (Dekker-style) fences.
static inline void clockstep_compiler_barrier(void) { __asm__ __volatile__("" ::: "memory"); }

/// Blocks while `*word == expected`, for at most `timeout_ns` (negative: no limit).
/// Returns 0 when woken, or -errno (-EAGAIN: value differed, -EINTR, -ETIMEDOUT).
int clockstep_futex_wait(uint32_t *word, uint32_t expected, int64_t timeout_ns);

/// Wakes up to `count` threads blocked on `word`. Returns the number woken, or -errno.
int clockstep_futex_wake(uint32_t *word, int32_t count);

/// Blocks while `*word == expected`, with no time limit, as a waiter tagged `bits`: only a
/// `clockstep_futex_wake_bits` whose bits intersect wakes it. Returns 0 or -errno, as above.
int clockstep_futex_wait_bits(uint32_t *word, uint32_t expected, uint32_t bits);

/// Wakes up to `count` threads blocked on `word` whose tag intersects `bits`.
/// Returns the number woken, or -errno.
int clockstep_futex_wake_bits(uint32_t *word, int32_t count, uint32_t bits);

/// Registers the process for private expedited membarrier. Returns 0 on success, -errno.
int clockstep_membarrier_register(void);

/// Issues a full memory barrier on every running thread of this process. Returns 0 or -errno.
int clockstep_membarrier_global_fence(void);

/// Monotonic clock in nanoseconds (vDSO, no syscall).
uint64_t clockstep_monotonic_ns(void);

/// The CPU the calling thread runs on, or -1.
int clockstep_sched_getcpu(void);

/// Pins the calling thread to `cpu`. Returns 0 or an errno value.
int clockstep_pin_self(int cpu);

/// Writes the calling thread's allowed CPUs (ascending) to `out` (capacity `max`; `out` may be
/// NULL when `max` is 0, to count them) and
/// returns how many there are, or -errno.
int clockstep_affinity_cpus(int *out, int max);

/// Number of CPUs online (sysconf), for oversubscription decisions.
int clockstep_online_cpu_count(void);

/// Sets the calling thread's name (truncated to 15 bytes). Returns 0 or an errno value.
int clockstep_set_thread_name(const char *name);

#ifdef __cplusplus
}
#endif
#endif
