#include "Common.h"
#include "BenchBaselines.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

uint64_t bench_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t bench_thread_cpu_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t bench_children_cpu_ns(void) {
    struct rusage usage;
    if (getrusage(RUSAGE_CHILDREN, &usage) != 0) return 0;
    uint64_t us = (uint64_t)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000ULL +
                  (uint64_t)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
    return us * 1000ULL;
}

int bench_run_threads(int count, const int *cpus, void *(*entry)(void *), void *args,
                      uint64_t arg_size) {
    pthread_t *ids = calloc((size_t)count, sizeof(pthread_t));
    if (ids == NULL) return -ENOMEM;
    int started = 0;
    int rc = 0;
    for (; started < count; started++) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        if (cpus != NULL && cpus[started] >= 0) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(cpus[started], &set);
            pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
        }
        rc = pthread_create(&ids[started], &attr, entry, (char *)args + (uint64_t)started * arg_size);
        pthread_attr_destroy(&attr);
        if (rc != 0) break;
    }
    for (int i = 0; i < started; i++) pthread_join(ids[i], NULL);
    free(ids);
    return rc == 0 ? 0 : -rc;
}
