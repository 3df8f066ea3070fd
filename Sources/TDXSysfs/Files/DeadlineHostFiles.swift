import SystemPackage
import SystemSupport

/// Host files whose every access ends by the command's ``HostDeadline``: each call runs on
/// a thread of its own while the caller waits; when the deadline passes (or the operator
/// interrupts) first, the call fails with ETIMEDOUT (or EINTR) naming the file, and the
/// thread is left behind, still blocked in the kernel, to end with the process.
///
/// A FIFO, a stuck FUSE server or a hung device under `--root` therefore ends every
/// command within its `--timeout` with an error that says which file did not answer.
/// Once the deadline has passed or the command was interrupted, new calls fail at once;
/// ``withGrace(_:)`` gives the few calls that must still be made (aborting an upload) a
/// short deadline of their own.
///
/// A write that times out may still complete later, in its abandoned thread.
public struct DeadlineHostFiles: HostFiles {
    /// The files every call goes to.
    public let files: any HostFiles
    /// The deadline and interruption every call ends by.
    public let deadline: HostDeadline

    /// `files`, each access ending by `deadline`.
    public init(_ files: any HostFiles, deadline: HostDeadline) {
        self.files = files
        self.deadline = deadline
    }

    public func read(_ path: String) throws(HostFileError) -> [UInt8] {
        let files = self.files
        return try bounded(path) { () throws(HostFileError) -> [UInt8] in try files.read(path) }
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        let files = self.files
        try bounded(path) { () throws(HostFileError) in try files.write(path, bytes) }
    }

    /// Whether `path` exists; a check the deadline cuts short answers `true`, so the next
    /// read of `path` reports the timeout, naming the file, instead of a missing file
    /// sending the caller down the wrong explanation.
    public func exists(_ path: String) -> Bool {
        let files = self.files
        return (try? bounded(path) { () throws(HostFileError) -> Bool in files.exists(path) }) ?? true
    }

    public func list(_ directory: String) throws(HostFileError) -> [String] {
        let files = self.files
        return try bounded(directory) { () throws(HostFileError) -> [String] in try files.list(directory) }
    }

    public func checkFile(_ path: String) throws(HostFileError) {
        let files = self.files
        try bounded(path) { () throws(HostFileError) in try files.checkFile(path) }
    }

    /// The same files under a fresh deadline of `grace`, not interrupted.
    public func withGrace(_ grace: Duration) -> any HostFiles {
        DeadlineHostFiles(files.withGrace(grace), deadline: HostDeadline(timeout: grace))
    }

    /// Runs `call` on a thread of its own and waits for it until the deadline or an
    /// interruption.
    private func bounded<Value: Sendable>(
        _ path: String, _ call: @escaping @Sendable () throws(HostFileError) -> Value
    ) throws(HostFileError) -> Value {
        if let signal = deadline.interruption { throw interrupted(path, signal) }
        if deadline.hasPassed { throw timedOut(path) }
        let outcome = Outcome<Value>()
        let deadline = self.deadline
        do {
            try DetachedThread.start {
                let result = Result { () throws(HostFileError) -> Value in try call() }
                deadline.signalChange { outcome.result = result }
            }
        } catch {
            throw HostFileError(path: path, errno: error, detail: "cannot start a thread for the access")
        }
        switch deadline.wait(for: { outcome.result != nil }) {
        case .done:
            // Read under the lock the writer held.
            let result = deadline.lock.withLock { outcome.result! }
            return try result.get()
        case .deadlinePassed:
            throw timedOut(path)
        case .interrupted(let signal):
            throw interrupted(path, signal)
        }
    }

    private func timedOut(_ path: String) -> HostFileError {
        deadline.recordTimeout(path)
        return HostFileError(
            path: path, errno: .timedOut,
            detail: "no answer within the command's \(deadline.timeout.wholeSecondsText) deadline")
    }

    private func interrupted(_ path: String, _ signal: Int32) -> HostFileError {
        HostFileError(
            path: path, errno: .interrupted, detail: "the command was interrupted (\(SignalPipe.name(of: signal)))")
    }
}

/// The result a call's thread hands to the waiting caller, guarded by the deadline's lock.
private final class Outcome<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, HostFileError>?
}

extension Duration {
    /// "10 s", "2.5 s".
    var wholeSecondsText: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return "\(seconds) s" }
        let tenths = (Double(seconds) + Double(attoseconds) / 1e18)
        return "\((tenths * 10).rounded() / 10) s"
    }
}
