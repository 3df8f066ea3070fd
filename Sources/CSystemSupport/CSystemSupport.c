#include "CSystemSupport.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char *csystem_errno_name(int code) {
    return strerrorname_np(code);
}

const char *csystem_signal_abbreviation(int signal) {
    return sigabbrev_np(signal);
}

static int signal_pipe[2] = {-1, -1};

// Async-signal-safe: one write(2) to a non-blocking pipe, errno preserved. A full pipe
// drops the byte; the reader has at least one byte to wake on.
static void signal_pipe_handler(int signal) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal;
    ssize_t ignored = write(signal_pipe[1], &byte, 1);
    (void)ignored;
    errno = saved;
}

static int signal_pipe_open(void) {
    if (signal_pipe[0] >= 0) return 0;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
    // The reader blocks; only the handler's end stays non-blocking.
    int flags = fcntl(fds[0], F_GETFL);
    if (flags < 0 || fcntl(fds[0], F_SETFL, flags & ~O_NONBLOCK) != 0) {
        int saved = errno;
        close(fds[0]);
        close(fds[1]);
        errno = saved;
        return -1;
    }
    signal_pipe[0] = fds[0];
    signal_pipe[1] = fds[1];
    return 0;
}

int csystem_signal_pipe_install(const int *signals, int count) {
    if (signal_pipe_open() != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = signal_pipe_handler;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int index = 0; index < count; index++) {
        if (sigaction(signals[index], &action, NULL) != 0) return -1;
    }
    return signal_pipe[0];
}

void csystem_line_buffer_stdout(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}
