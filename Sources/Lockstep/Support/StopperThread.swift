import CLockstep
import Glibc

/// Raw pthreads for the stopper threads: created once, joined at shutdown.
///
/// The entry point lives here, in library code, never in top-level code (Swift 6:
/// a closure literal there is inferred `@MainActor` and traps on the new thread).
enum StopperThread {
    private final class Entry {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts a thread named `name` (at most 15 bytes are kept) running `body`; returns
    /// its handle or the errno value of `pthread_create`.
    static func spawn(name: String, body: @escaping @Sendable () -> Void) -> Result<pthread_t, LockstepError> {
        let entry = Unmanaged.passRetained(Entry(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(
            &thread, nil,
            { raw in
                let entry = Unmanaged<Entry>.fromOpaque(raw!).takeRetainedValue()
                _ = clockstep_set_thread_name(entry.name)
                entry.body()
                return nil
            }, entry)
        if rc != 0 {
            Unmanaged<Entry>.fromOpaque(entry).release()
            return .failure(.threadCreationFailed(cpu: -1, code: rc))
        }
        return .success(thread)
    }

    /// Waits for `thread` to return.
    static func join(_ thread: pthread_t) {
        let rc = pthread_join(thread, nil)
        precondition(rc == 0, "pthread_join failed: errno \(rc)")
    }
}
