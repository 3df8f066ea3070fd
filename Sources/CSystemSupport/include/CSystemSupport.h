#ifndef CSYSTEMSUPPORT_H
#define CSYSTEMSUPPORT_H

/// The errno's symbolic name ("ENXIO"), from glibc's strerrorname_np; NULL when unknown.
const char *csystem_errno_name(int code);

/// The signal's abbreviation without "SIG" ("INT"), from glibc's sigabbrev_np; NULL when unknown.
const char *csystem_signal_abbreviation(int signal);

/// Installs, for each of the `count` signals in `signals`, a handler that only writes the
/// signal's number (one byte) to a pipe, and returns the pipe's read end (blocking,
/// close-on-exec). The handler does nothing else: whatever the signal means is done by
/// whoever reads the pipe, outside the handler. Returns -1 with errno set on failure.
/// Every call installs its signals and returns the same read end (one pipe per process).
int csystem_signal_pipe_install(const int *signals, int count);

/// Makes standard output line-buffered (also when it is a pipe or a file).
void csystem_line_buffer_stdout(void);

#endif
