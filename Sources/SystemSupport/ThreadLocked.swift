/// A value that one thread at a time reaches, behind a ``ThreadLock``.
///
/// The drop-in for `Synchronization.Mutex<Value>` in the layers that ThreadSanitizer checks:
/// the same `withLock` shape, on a lock whose hand-offs the sanitizer sees. It adds waiting
/// for a condition on the value (the lock's condition variable), for code that would
/// otherwise pair a `Mutex` with an `NSCondition`.
public final class ThreadLocked<Value> {
    @usableFromInline let lock = ThreadLock()
    @usableFromInline var value: Value

    /// Creates the lock holding `initial`.
    public init(_ initial: Value) {
        value = initial
    }

    /// Runs `body` with exclusive access to the value.
    @inlinable
    public func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// Takes the lock, waits until `condition` holds for the value or `deadline` (monotonic
    /// nanoseconds, `nil`: none) passes, then runs `body` with the value and whether the
    /// condition held. Woken by ``broadcast()``.
    public func withLock<Result, Failure: Error>(
        waitingUntil deadline: UInt64?, for condition: (Value) -> Bool,
        _ body: (inout Value, _ conditionHeld: Bool) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        let held = lock.wait(until: deadline) { condition(value) }
        return try body(&value, held)
    }

    /// Wakes every thread waiting in ``withLock(waitingUntil:for:_:)``; call it inside
    /// `withLock`, after changing what they wait for.
    public func broadcast() {
        lock.broadcast()
    }
}

/// The value is only reached under the lock.
extension ThreadLocked: @unchecked Sendable where Value: Sendable {}
