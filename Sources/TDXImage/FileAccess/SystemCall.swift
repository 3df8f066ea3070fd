import SystemPackage

/// The one place a system call is retried after EINTR: every call this module makes goes
/// through ``retryingInterrupts(_:)`` (swift-system's own retry is turned off), so a signal
/// never turns into a spurious error and the retry policy is written once.
enum SystemCall {
    /// Runs `call` until it ends with anything but `EINTR`.
    static func retryingInterrupts<Result>(_ call: () throws(Errno) -> Result) throws(Errno) -> Result {
        while true {
            do {
                return try call()
            } catch {
                if error != .interrupted { throw error }
            }
        }
    }

    /// The errno of a failed call to a function that sets `errno` and returns -1 (or nil).
    static var lastErrno: Errno { Errno(rawValue: currentErrno()) }
}

#if canImport(Glibc)
    import Glibc
    private func currentErrno() -> CInt { Glibc.errno }
#elseif canImport(Musl)
    import Musl
    private func currentErrno() -> CInt { Musl.errno }
#elseif canImport(Darwin)
    import Darwin
    private func currentErrno() -> CInt { Darwin.errno }
#endif
