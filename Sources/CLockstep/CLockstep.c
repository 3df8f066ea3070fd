#ifndef _GNU_SOURCE
#error "CLockstep must be compiled with _GNU_SOURCE"
#endif

#include "CLockstep.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <sys/syscall.h>

int clockstep_futex_wait(uint32_t *word, uint32_t expected, int64_t timeout_ns) {
    struct timespec ts;
    struct timespec *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = (time_t)(timeout_ns / 1000000000LL);
        ts.tv_nsec = (long)(timeout_ns % 1000000000LL);
        tsp = &ts;
    }
    long rc = syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, tsp, NULL, 0);
    return rc == 0 ? 0 : -errno;
}

int clockstep_futex_wake(uint32_t *word, int32_t count) {
    long rc = syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
    return rc >= 0 ? (int)rc : -errno;
}

int clockstep_futex_wait_bits(uint32_t *word, uint32_t expected, uint32_t bits) {
    long rc = syscall(SYS_futex, word, FUTEX_WAIT_BITSET_PRIVATE, expected, NULL, NULL, bits);
    return rc == 0 ? 0 : -errno;
}

int clockstep_futex_wake_bits(uint32_t *word, int32_t count, uint32_t bits) {
    long rc = syscall(SYS_futex, word, FUTEX_WAKE_BITSET_PRIVATE, count, NULL, NULL, bits);
    return rc >= 0 ? (int)rc : -errno;
}

int clockstep_membarrier_register(void) {
    long rc = syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0);
    return rc == 0 ? 0 : -errno;
}

int clockstep_membarrier_global_fence(void) {
    long rc = syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
    return rc == 0 ? 0 : -errno;
}

int clockstep_sched_getcpu(void) { return sched_getcpu(); }

int clockstep_pin_self(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

int clockstep_affinity_cpus(int *out, int max) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return -errno;
    int n = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &set)) {
            if (n < max) out[n] = cpu;
            n++;
        }
    }
    return n;
}

int clockstep_set_thread_name(const char *name) {
    char buf[16];
    strncpy(buf, name, sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = 0;
    return pthread_setname_np(pthread_self(), buf);
}
#endif

uint64_t clockstep_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int clockstep_online_cpu_count(void) { return (int)sysconf(_SC_NPROCESSORS_ONLN); }
