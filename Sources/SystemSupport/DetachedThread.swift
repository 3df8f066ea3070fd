import Glibc
import SystemPackage

/// A raw detached pthread: started, never joined. For work that may block for ever (a
/// read of a stuck file) and that the caller must be able to walk away from; the process's
/// exit ends it.
///
/// The entry point lives here, in library code, never in top-level code, where a closure
/// literal would be inferred `@MainActor` and trap on the new thread.
public enum DetachedThread {
    private final class Entry {
        let body: @Sendable () -> Void
        init(body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts a detached thread running `body`.
    /// - Throws: the errno `pthread_create` returned (EAGAIN when threads run out).
    public static func start(_ body: @escaping @Sendable () -> Void) throws(Errno) {
        let entry = Unmanaged.passRetained(Entry(body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // Small stacks: these threads make one system call each.
        pthread_attr_setstacksize(&attributes, 256 * 1024)
        var thread = pthread_t()
        let result = pthread_create(
            &thread, &attributes,
            { raw in
                Unmanaged<Entry>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, entry)
        if result != 0 {
            Unmanaged<Entry>.fromOpaque(entry).release()
            throw Errno(rawValue: result)
        }
    }
}
