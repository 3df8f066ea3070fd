#include "CFuseBridge.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// MARK: stop signals through a pipe

static int signal_pipe_write_end = -1;

static void signal_pipe_handler(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    ssize_t ignored = write(signal_pipe_write_end, &byte, 1);
    (void)ignored;
    errno = saved;
}

int tdx_signal_pipe_open(const int *signals, int count) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return -errno;
    // A full pipe must never block the handler: one pending byte is enough to wake the reader.
    if (fcntl(ends[1], F_SETFL, O_NONBLOCK) != 0) {
        int error = errno;
        close(ends[0]);
        close(ends[1]);
        return -error;
    }
    signal_pipe_write_end = ends[1];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = signal_pipe_handler;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int index = 0; index < count; index++) {
        if (sigaction(signals[index], &action, NULL) != 0) return -errno;
    }
    return ends[0];
}

void tdx_signal_pipe_post(unsigned char byte) {
    if (signal_pipe_write_end < 0) return;
    ssize_t ignored = write(signal_pipe_write_end, &byte, 1);
    (void)ignored;
}

#ifdef TDX_FUSE_ENABLED

#define FUSE_USE_VERSION 312
#include <fuse.h>
#include <fuse_lowlevel.h>

struct tdx_fuse_mount {
    struct fuse *fuse;
    tdx_fuse_callbacks callbacks;
    void *context;
    void (*finished)(void *context);
    struct timespec mounted_at;
    pthread_t thread;
    atomic_int thread_started;
    atomic_int thread_joined;
    atomic_int unmounted;
    unsigned max_threads;
};

// MARK: the operations table

static tdx_fuse_mount *current_mount(void) { return (tdx_fuse_mount *)fuse_get_context()->private_data; }

static void *op_init(struct fuse_conn_info *connection, struct fuse_config *config) {
    (void)connection;
    // Contents change under the reader (status, version): each open says whether the kernel
    // may cache the file's pages (op_open), never cache a missing name (a path can appear).
    config->direct_io = 0;
    config->kernel_cache = 0;
    config->negative_timeout = 0;
    config->use_ino = 0;
    return fuse_get_context()->private_data;
}

static int op_getattr(const char *path, struct stat *status, struct fuse_file_info *file) {
    (void)file;
    tdx_fuse_mount *mount = current_mount();
    tdx_fuse_attr attr;
    memset(&attr, 0, sizeof attr);
    int result = mount->callbacks.getattr(mount->context, path, &attr);
    if (result < 0) return result;
    memset(status, 0, sizeof *status);
    status->st_mode = attr.mode;
    status->st_uid = attr.uid;
    status->st_gid = attr.gid;
    status->st_nlink = attr.nlink;
    status->st_size = (off_t)attr.size;
    status->st_blksize = 4096;
    status->st_atim = mount->mounted_at;
    status->st_mtim = mount->mounted_at;
    status->st_ctim = mount->mounted_at;
    return 0;
}

struct fill_cookie {
    void *buffer;
    fuse_fill_dir_t filler;
};

int tdx_fuse_fill_entry(void *cookie, const char *name) {
    struct fill_cookie *fill = (struct fill_cookie *)cookie;
    return fill->filler(fill->buffer, name, NULL, 0, 0);
}

static int op_readdir(const char *path, void *buffer, fuse_fill_dir_t filler, off_t offset,
                      struct fuse_file_info *file, enum fuse_readdir_flags flags) {
    (void)offset;
    (void)file;
    (void)flags;
    tdx_fuse_mount *mount = current_mount();
    filler(buffer, ".", NULL, 0, 0);
    filler(buffer, "..", NULL, 0, 0);
    struct fill_cookie cookie = {buffer, filler};
    return mount->callbacks.readdir(mount->context, path, &cookie);
}

static int op_open(const char *path, struct fuse_file_info *file) {
    tdx_fuse_mount *mount = current_mount();
    uint64_t handle = 0;
    int page_cache = 0;
    int result = mount->callbacks.open(mount->context, path, file->flags, &handle, &page_cache);
    if (result < 0) return result;
    file->fh = handle;
    // Either every read and write reaches the callbacks (direct I/O), or reads come from
    // the kernel's page cache, kept across opens until tdx_fuse_mount_invalidate drops it.
    file->direct_io = page_cache ? 0 : 1;
    file->keep_cache = page_cache ? 1 : 0;
    // Writes reach the callbacks at once either way, so close has nothing to flush: spare
    // the kernel's FLUSH round trip (Linux 5.16+; older kernels ignore the flag).
    file->noflush = 1;
    return 0;
}

static int op_read(const char *path, char *buffer, size_t size, off_t offset, struct fuse_file_info *file) {
    tdx_fuse_mount *mount = current_mount();
    return mount->callbacks.read(mount->context, path, file->fh, buffer, size, (int64_t)offset);
}

static int op_write(const char *path, const char *buffer, size_t size, off_t offset, struct fuse_file_info *file) {
    tdx_fuse_mount *mount = current_mount();
    return mount->callbacks.write(mount->context, path, file->fh, buffer, size, (int64_t)offset);
}

static int op_truncate(const char *path, off_t size, struct fuse_file_info *file) {
    (void)file;
    tdx_fuse_mount *mount = current_mount();
    return mount->callbacks.truncate(mount->context, path, (int64_t)size);
}

static int op_release(const char *path, struct fuse_file_info *file) {
    tdx_fuse_mount *mount = current_mount();
    return mount->callbacks.release(mount->context, path, file->fh);
}

static const struct fuse_operations operations = {
    .init = op_init,
    .getattr = op_getattr,
    .readdir = op_readdir,
    .open = op_open,
    .read = op_read,
    .write = op_write,
    .truncate = op_truncate,
    .release = op_release,
};

// MARK: mount, serve, stop

tdx_fuse_mount *tdx_fuse_mount_new(const char *mountpoint, const char *options,
                                   const tdx_fuse_callbacks *callbacks, void *context,
                                   char *error, size_t error_size) {
    tdx_fuse_mount *mount = calloc(1, sizeof *mount);
    if (mount == NULL) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    mount->callbacks = *callbacks;
    mount->context = context;
    clock_gettime(CLOCK_REALTIME, &mount->mounted_at);
    char *arguments[] = {"tdxctl", "-o", (char *)options, NULL};
    struct fuse_args args = FUSE_ARGS_INIT(3, arguments);
    mount->fuse = fuse_new(&args, &operations, sizeof operations, mount);
    fuse_opt_free_args(&args);
    if (mount->fuse == NULL) {
        snprintf(error, error_size, "libfuse did not accept the options \"%s\"", options);
        free(mount);
        return NULL;
    }
    if (fuse_mount(mount->fuse, mountpoint) != 0) {
        snprintf(error, error_size,
                 "cannot mount at %s (libfuse said why above: no /dev/fuse, no fusermount3, "
                 "not a directory, or allow_other without user_allow_other in /etc/fuse.conf)",
                 mountpoint);
        fuse_destroy(mount->fuse);
        free(mount);
        return NULL;
    }
    return mount;
}

// The loop thread's wait for its workers (sem_wait) ends only when interrupted by a
// signal; this one has an empty handler and is sent to that thread alone.
static int wake_signal(void) { return SIGRTMIN + 5; }

static void wake_handler(int signal_number) { (void)signal_number; }

static pthread_once_t wake_once = PTHREAD_ONCE_INIT;

static void install_wake_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = wake_handler;
    sigemptyset(&action.sa_mask);
    sigaction(wake_signal(), &action, NULL);
}

static void *serve(void *argument) {
    tdx_fuse_mount *mount = (tdx_fuse_mount *)argument;
    sigset_t wake;
    sigemptyset(&wake);
    sigaddset(&wake, wake_signal());
    pthread_sigmask(SIG_UNBLOCK, &wake, NULL);
    struct fuse_loop_config *config = fuse_loop_cfg_create();
    fuse_loop_cfg_set_clone_fd(config, 0);
    fuse_loop_cfg_set_max_threads(config, mount->max_threads);
    fuse_loop_mt(mount->fuse, config);
    fuse_loop_cfg_destroy(config);
    if (mount->finished != NULL) mount->finished(mount->context);
    return NULL;
}

int tdx_fuse_mount_start(tdx_fuse_mount *mount, unsigned max_threads, void (*finished)(void *context)) {
    pthread_once(&wake_once, install_wake_handler);
    mount->max_threads = max_threads;
    mount->finished = finished;
    int result = pthread_create(&mount->thread, NULL, serve, mount);
    if (result != 0) return -result;
    atomic_store(&mount->thread_started, 1);
    return 0;
}

static void unmount_once(tdx_fuse_mount *mount) {
    if (atomic_exchange(&mount->unmounted, 1) == 0) fuse_unmount(mount->fuse);
}

int tdx_fuse_mount_stop(tdx_fuse_mount *mount, int64_t timeout_ms) {
    fuse_session_exit(fuse_get_session(mount->fuse));
    unmount_once(mount);
    if (!atomic_load(&mount->thread_started) || atomic_load(&mount->thread_joined)) return 0;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    int64_t end_ns = (int64_t)deadline.tv_sec * 1000000000LL + deadline.tv_nsec + timeout_ms * 1000000LL;
    for (;;) {
        // The thread is joinable and not yet joined, so it can still be signalled safely.
        pthread_kill(mount->thread, wake_signal());
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        int64_t now_ns = (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec;
        int64_t next_ns = now_ns + 20000000LL;
        if (next_ns > end_ns) next_ns = end_ns;
        struct timespec wait = {(time_t)(next_ns / 1000000000LL), (long)(next_ns % 1000000000LL)};
        if (pthread_timedjoin_np(mount->thread, NULL, &wait) == 0) {
            atomic_store(&mount->thread_joined, 1);
            return 0;
        }
        if (next_ns >= end_ns) return -ETIMEDOUT;
    }
}

int tdx_fuse_mount_invalidate(tdx_fuse_mount *mount, const char *path) {
    int result = fuse_invalidate_path(mount->fuse, path);
    // ENOENT: the kernel never looked the path up, so it has nothing cached.
    return result == -ENOENT ? 0 : result;
}

void tdx_fuse_mount_destroy(tdx_fuse_mount *mount) {
    if (atomic_load(&mount->thread_started) && !atomic_load(&mount->thread_joined)) return;
    unmount_once(mount);
    fuse_destroy(mount->fuse);
    free(mount);
}

#endif
