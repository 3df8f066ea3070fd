// What Swift cannot say about libfuse3: the `fuse_operations` table, whose C callbacks
// trampoline into Swift through `tdx_fuse_callbacks`, and the mount, loop and unmount calls.
// The header names no libfuse type, so Swift never needs libfuse's headers.
#ifndef C_FUSE_BRIDGE_H
#define C_FUSE_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What `getattr` reports about one node.
typedef struct tdx_fuse_attr {
    /// File type and permission bits (S_IFREG | 0444, S_IFDIR | 0755).
    uint32_t mode;
    uint32_t uid;
    uint32_t gid;
    uint32_t nlink;
    uint64_t size;
} tdx_fuse_attr;

/// Adds one directory entry; returns nonzero when the reply buffer is full.
int tdx_fuse_fill_entry(void *cookie, const char *name);

/// The Swift side of the file system. Every callback returns 0 (or a byte count) on
/// success and a negative errno on failure, as libfuse expects; `context` is the pointer
/// given to `tdx_fuse_mount`.
typedef struct tdx_fuse_callbacks {
    int (*getattr)(void *context, const char *path, tdx_fuse_attr *attr);
    /// Calls `tdx_fuse_fill_entry(cookie, name)` for each entry (without "." and "..").
    int (*readdir)(void *context, const char *path, void *cookie);
    /// `flags` are open(2)'s; sets `*handle` to a value later calls receive, and
    /// `*page_cache` to 1 when the kernel may serve reads of this file from its page cache
    /// (kept across opens until `tdx_fuse_mount_invalidate`), 0 for direct I/O.
    int (*open)(void *context, const char *path, int flags, uint64_t *handle, int *page_cache);
    int (*read)(void *context, const char *path, uint64_t handle, char *buffer, size_t size, int64_t offset);
    int (*write)(void *context, const char *path, uint64_t handle, const char *buffer, size_t size, int64_t offset);
    int (*truncate)(void *context, const char *path, int64_t size);
    int (*release)(void *context, const char *path, uint64_t handle);
} tdx_fuse_callbacks;

/// A mounted file system and its libfuse session.
typedef struct tdx_fuse_mount tdx_fuse_mount;

/// Creates the file system and mounts it at `mountpoint` with the comma-separated libfuse
/// `options` (e.g. "default_permissions,allow_other,fsname=tdx"). On failure returns NULL
/// and writes a message into `error` (at most `error_size` bytes).
tdx_fuse_mount *tdx_fuse_mount_new(const char *mountpoint, const char *options,
                                   const tdx_fuse_callbacks *callbacks, void *context,
                                   char *error, size_t error_size);

/// Starts libfuse's multi-threaded loop on a thread of its own (at most `max_threads`
/// workers). `finished(context)` runs on that thread when the loop ends, whether through
/// `tdx_fuse_mount_stop` or an unmount from outside (`fusermount3 -u`). Returns 0 or -errno.
int tdx_fuse_mount_start(tdx_fuse_mount *mount, unsigned max_threads, void (*finished)(void *context));

/// Ends the session from an ordinary thread (not a signal handler): marks it exited,
/// unmounts lazily (a busy mount point is detached at once), and interrupts the loop's
/// wait until its thread ends or `timeout_ms` passes. Returns 0 when the loop thread ended,
/// -ETIMEDOUT when a request handler is still running (the mount is gone all the same).
int tdx_fuse_mount_stop(tdx_fuse_mount *mount, int64_t timeout_ms);

/// Drops what the kernel caches of `path` (its pages and attributes), so that the next
/// read reaches the callbacks. Returns 0 (also when the kernel had nothing cached) or -errno.
/// Call only while the mount is served (before `tdx_fuse_mount_destroy`).
int tdx_fuse_mount_invalidate(tdx_fuse_mount *mount, const char *path);

/// Frees the session once `tdx_fuse_mount_stop` returned 0; does nothing otherwise (the
/// loop's threads may still use it).
void tdx_fuse_mount_destroy(tdx_fuse_mount *mount);

/// Installs handlers for `signals` that write the signal number (one byte) to the write
/// end of a pipe and returns its read end, or -errno. The handler does nothing else
/// (async-signal-safe); the program reads the pipe on an ordinary thread.
int tdx_signal_pipe_open(const int *signals, int count);

/// Writes `byte` to the pipe that `tdx_signal_pipe_open` made, from an ordinary thread
/// (e.g. 0 when a mount went away), so that its reader wakes as for a signal.
void tdx_signal_pipe_post(unsigned char byte);

#ifdef __cplusplus
}
#endif

#endif
