import Glibc

/// A mutual-exclusion lock over a `pthread_mutex_t`, holding the state it protects.
///
/// Lockstep uses it instead of `Synchronization.Mutex` for the locks that callers contend
/// on (the machine's one-procedure-at-a-time lock, the gate's token table). On Linux a
/// contended `Mutex` is handed over inside the kernel (a priority-inheritance futex), an
/// edge ThreadSanitizer cannot see: it then reports false races between two critical
/// sections of the same lock. ThreadSanitizer intercepts pthread mutexes, so the engine's
/// sanitizer run stays meaningful. Uncontended, both cost one atomic operation each way.
final class ThreadLock<State> {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var state: State

    init(_ initial: State) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let rc = pthread_mutex_init(mutex, nil)
        precondition(rc == 0, "pthread_mutex_init failed with \(rc)")
        state = initial
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the state.
    func withLock<Result, Failure: Error>(
        _ body: (inout State) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}

/// The state is only reached under the lock.
extension ThreadLock: @unchecked Sendable where State: Sendable {}
