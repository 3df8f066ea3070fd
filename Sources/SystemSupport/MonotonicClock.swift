import Glibc

/// The monotonic clock (`CLOCK_MONOTONIC`) in nanoseconds: the one clock every layer's
/// timestamps, deadlines and reports use, so that times from different layers compare.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (boot).
    public static var now: UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// The monotonic time `duration` from now, for deadlines.
    public static func deadline(after duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = max(0, seconds) &* 1_000_000_000 &+ max(0, attoseconds / 1_000_000_000)
        return now &+ UInt64(nanoseconds)
    }
}
