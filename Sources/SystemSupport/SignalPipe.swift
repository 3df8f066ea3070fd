import CSystemSupport
import Glibc
import SystemPackage

/// Signals delivered as events: a C handler that only writes the signal's number to a
/// pipe, and one watcher thread that reads the pipe and calls the subscribers, outside any
/// signal handler (where no Swift code may run).
///
/// `tdxctl update` subscribes SIGINT and SIGTERM: the first one interrupts the update at
/// the next safe point instead of killing the process between two writes.
public enum SignalPipe {
    private static let state = State()

    private final class State: @unchecked Sendable {
        let lock = ThreadLock()
        var watcherStarted = false
        var subscribers: [@Sendable (Int32) -> Void] = []
    }

    /// Routes `signals` through the pipe (their default action, such as ending the
    /// process, no longer happens) and calls `onSignal` with each one received, on the
    /// watcher thread. Subscribers are never removed; install once per purpose.
    /// - Throws: the errno of `pipe2`, `sigaction` or `pthread_create`.
    public static func subscribe(
        _ signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void
    ) throws(Errno) {
        let descriptor = signals.withUnsafeBufferPointer {
            csystem_signal_pipe_install($0.baseAddress, Int32($0.count))
        }
        if descriptor < 0 { throw SystemCall.lastErrno }
        let startWatcher = state.lock.withLock {
            state.subscribers.append(onSignal)
            defer { state.watcherStarted = true }
            return !state.watcherStarted
        }
        if startWatcher { try DetachedThread.start { watch(descriptor) } }
    }

    /// "SIGINT" for 2; "signal N" when the C library has no name for it.
    public static func name(of signal: Int32) -> String {
        guard let abbreviation = csystem_signal_abbreviation(signal) else { return "signal \(signal)" }
        return "SIG" + String(cString: abbreviation)
    }

    private static func watch(_ descriptor: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count == 1 {
                let signal = Int32(byte)
                for subscriber in state.lock.withLock({ state.subscribers }) { subscriber(signal) }
            } else if count < 0 && Glibc.errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
