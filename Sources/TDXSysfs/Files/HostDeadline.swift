import SystemPackage
import SystemSupport

/// One command's time with the host: a deadline over its whole interaction (every read,
/// write and wait), and the operator's interruption (SIGINT/SIGTERM), shared by every
/// thread that waits on the host so that either one ends all the waits at once.
///
/// `update --timeout S` gives one of S seconds; `status` and `list` one of 10 seconds.
public final class HostDeadline: @unchecked Sendable {
    /// How ``wait(for:)`` ended.
    public enum WaitEnd: Hashable, Sendable {
        /// The condition came true.
        case done
        /// The deadline passed first.
        case deadlinePassed
        /// The operator interrupted first (the signal's number).
        case interrupted(Int32)
    }

    /// The deadline `status` and `list` run under.
    public static let inspection: Duration = .seconds(10)

    /// The time given at the start.
    public let timeout: Duration
    /// The monotonic time (``MonotonicClock``, nanoseconds) at which it passes.
    public let end: UInt64
    let lock = ThreadLock()
    private var signal: Int32?
    private var firstTimedOutPath: String?

    /// A deadline `timeout` from now.
    public init(timeout: Duration) {
        self.timeout = timeout
        end = MonotonicClock.deadline(after: timeout)
    }

    /// The signal that interrupted the command, nil while none did.
    public var interruption: Int32? { lock.withLock { signal } }

    /// The first host path whose access ran into the deadline, nil while none did.
    public var timedOutPath: String? { lock.withLock { firstTimedOutPath } }

    /// Whether the deadline has passed.
    public var hasPassed: Bool { MonotonicClock.now >= end }

    /// The time left (zero once passed).
    public var remaining: Duration {
        let now = MonotonicClock.now
        return now >= end ? .zero : .nanoseconds(Int64(end - now))
    }

    /// Records the operator's interruption and wakes every waiter; the first signal counts.
    public func interrupt(by signal: Int32) {
        lock.withLock {
            if self.signal == nil { self.signal = signal }
            lock.broadcast()
        }
    }

    /// Waits until `condition` (evaluated with the lock held) holds, the deadline passes or
    /// the command is interrupted, whichever comes first.
    public func wait(for condition: () -> Bool) -> WaitEnd {
        wait(until: end, for: condition)
    }

    /// Sleeps for `duration` or until the deadline or an interruption, whichever is first;
    /// returns how it ended (`.done`: the whole `duration` passed).
    public func pause(_ duration: Duration) -> WaitEnd {
        let wake = MonotonicClock.deadline(after: duration)
        guard wake < end else { return wait(until: end) { false } }
        // Reaching `wake` before the deadline is the pause done.
        let ended = wait(until: wake) { false }
        return ended == .deadlinePassed ? .done : ended
    }

    /// ``wait(for:)`` that also ends at `wake` (no later than the deadline), reporting it as
    /// the deadline having passed.
    private func wait(until wake: UInt64, for condition: () -> Bool) -> WaitEnd {
        lock.withLock {
            var result = WaitEnd.deadlinePassed
            _ = lock.wait(until: min(wake, end)) {
                if condition() {
                    result = .done
                } else if let signal {
                    result = .interrupted(signal)
                } else {
                    return false
                }
                return true
            }
            return result
        }
    }

    /// Wakes the waiters after a change to what they wait for; `change` runs with the lock held.
    func signalChange(_ change: () -> Void) {
        lock.withLock {
            change()
            lock.broadcast()
        }
    }

    /// Remembers `path` as the first one the deadline cut short.
    func recordTimeout(_ path: String) {
        lock.withLock { if firstTimedOutPath == nil { firstTimedOutPath = path } }
    }
}
