import Glibc

#if !os(Linux)
    #error("SystemSupport is Linux only")
#endif

/// A mutex with a condition variable, built on pthreads.
///
/// `Synchronization.Mutex` hands a contended lock over inside the kernel (a PI futex),
/// where ThreadSanitizer cannot see the hand-off; this lock goes through the pthread calls
/// that ThreadSanitizer intercepts, so the layers that share state across threads use it
/// and the sanitizer reports real races only.
public final class ThreadLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        var mutexAttributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&mutexAttributes)
        pthread_mutexattr_settype(&mutexAttributes, Int32(PTHREAD_MUTEX_ERRORCHECK))
        let mutexResult = pthread_mutex_init(mutex, &mutexAttributes)
        pthread_mutexattr_destroy(&mutexAttributes)
        precondition(mutexResult == 0, "pthread_mutex_init failed: \(mutexResult)")
        var conditionAttributes = pthread_condattr_t()
        pthread_condattr_init(&conditionAttributes)
        pthread_condattr_setclock(&conditionAttributes, CLOCK_MONOTONIC)
        let conditionResult = pthread_cond_init(condition, &conditionAttributes)
        pthread_condattr_destroy(&conditionAttributes)
        precondition(conditionResult == 0, "pthread_cond_init failed: \(conditionResult)")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with the lock held.
    @inlinable
    public func withLock<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Takes the lock; pair with `unlock()`. Prefer `withLock`.
    public func lock() {
        let result = pthread_mutex_lock(mutex)
        precondition(result == 0, "pthread_mutex_lock failed: \(result)")
    }

    /// Releases the lock taken by `lock()`.
    public func unlock() {
        let result = pthread_mutex_unlock(mutex)
        precondition(result == 0, "pthread_mutex_unlock failed: \(result)")
    }

    /// Waits, with the lock held, until `condition` holds or `deadline` (monotonic
    /// nanoseconds, `nil`: none) passes; returns whether the condition holds.
    /// Call inside `withLock`; woken by `broadcast()`.
    public func wait(until deadline: UInt64? = nil, for condition: () -> Bool) -> Bool {
        while !condition() {
            if let deadline {
                let now = MonotonicClock.now
                if now >= deadline { return false }
                var time = timespec(
                    tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
                _ = pthread_cond_timedwait(self.condition, mutex, &time)
            } else {
                _ = pthread_cond_wait(self.condition, mutex)
            }
        }
        return true
    }

    /// Wakes every waiter; call with the lock held, after changing what they wait for.
    public func broadcast() {
        pthread_cond_broadcast(condition)
    }
}
