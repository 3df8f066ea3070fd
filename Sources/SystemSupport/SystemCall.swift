import Glibc
import SystemPackage

/// The one place a system call is retried after EINTR: the host-file and lock code runs
/// every call through ``retryingInterrupts(_:)`` (with swift-system's own retry turned off
/// where it has one), so a signal handled elsewhere never turns into a spurious error.
public enum SystemCall {
    /// Runs `call` until it ends with anything but `EINTR`.
    public static func retryingInterrupts<Result>(_ call: () throws(Errno) -> Result) throws(Errno) -> Result {
        while true {
            do {
                return try call()
            } catch {
                if error != .interrupted { throw error }
            }
        }
    }

    /// Runs a C call that returns -1 (or another negative value) and sets `errno` on
    /// failure, retrying after EINTR; returns its non-negative result.
    public static func checked<Result: BinaryInteger>(_ call: () -> Result) throws(Errno) -> Result {
        try retryingInterrupts { () throws(Errno) -> Result in
            let result = call()
            if result < 0 { throw lastErrno }
            return result
        }
    }

    /// The errno the last failed C call set on this thread.
    public static var lastErrno: Errno { Errno(rawValue: Glibc.errno) }

    /// swift-system's calls throw `Errno` without a typed throw; this gives them one.
    public static func typed<Result>(_ body: () throws -> Result) throws(Errno) -> Result {
        do {
            return try body()
        } catch let error as Errno {
            throw error
        } catch {
            throw .ioError
        }
    }
}
