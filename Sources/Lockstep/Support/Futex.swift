import CLockstep
import Glibc

/// A thin typed wrapper over Linux futex wait and wake on a private (process-local) word.
///
/// The ordinary outcomes of a wait are results; `EFAULT` and `EINVAL` mean the engine
/// passed a bad address or argument, which is a bug, so they stop the process.
enum Futex {
    /// How a `wait` ended. Every case just means "re-check the word".
    enum WaitResult: Equatable {
        /// Woken by `wake` (or spuriously).
        case woken
        /// The word no longer held the expected value when the kernel looked (`EAGAIN`).
        case valueChanged
        /// A signal interrupted the wait (`EINTR`).
        case interrupted
        /// The timeout elapsed (`ETIMEDOUT`).
        case timedOut
    }

    /// Blocks while `*address == expected`, at most `timeoutNs` nanoseconds (nil: no limit).
    @discardableResult
    static func wait(
        _ address: UnsafeMutablePointer<UInt32>, expected: UInt32, timeoutNs: UInt64? = nil
    ) -> WaitResult {
        let timeout = timeoutNs.map { Int64(clamping: $0) } ?? -1
        return result(ofWait: clockstep_futex_wait(address, expected, timeout))
    }

    /// Blocks while `*address == expected`, with no time limit, as a waiter tagged `bits`:
    /// only a `wake(_:count:bits:)` whose bits intersect `bits` wakes it.
    @discardableResult
    static func wait(_ address: UnsafeMutablePointer<UInt32>, expected: UInt32, bits: UInt32) -> WaitResult {
        result(ofWait: clockstep_futex_wait_bits(address, expected, bits))
    }

    private static func result(ofWait rc: Int32) -> WaitResult {
        switch rc {
        case 0: return .woken
        case -EAGAIN: return .valueChanged
        case -EINTR: return .interrupted
        case -ETIMEDOUT: return .timedOut
        default: preconditionFailure("futex_wait failed: errno \(-rc) (bad futex word or bits?)")
        }
    }

    /// Wakes up to `count` threads blocked on `address`; returns how many woke.
    @discardableResult
    static func wake(_ address: UnsafeMutablePointer<UInt32>, count: Int32) -> Int {
        let rc = clockstep_futex_wake(address, count)
        precondition(rc >= 0, "futex_wake failed: errno \(-rc) (bad futex word address?)")
        return Int(rc)
    }

    /// Wakes up to `count` threads blocked on `address` whose tag intersects `bits`;
    /// returns how many woke.
    @discardableResult
    static func wake(_ address: UnsafeMutablePointer<UInt32>, count: Int32, bits: UInt32) -> Int {
        let rc = clockstep_futex_wake_bits(address, count, bits)
        precondition(rc >= 0, "futex_wake_bitset failed: errno \(-rc) (bad futex word or bits?)")
        return Int(rc)
    }
}
