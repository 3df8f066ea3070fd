import CChildProcess
import Glibc
import SystemPackage
import SystemSupport

/// A program run as a child process for a test: spawned with `posix_spawn`, its standard
/// output and error read into ``OutputCollector``s on threads of their own, its end
/// collected with `waitpid`.
///
/// Foundation's `Process` is not used: on this toolchain its `run()` crashes now and then
/// (a 256-byte over-read of `/proc/self/fd` entries, fixed upstream in
/// swift-corelibs-foundation #5472), and its `FileHandle` reads trap on EINTR. Every
/// descriptor but the three standard ones is closed in the child, and the child starts
/// with no signal blocked and every signal at its default action, whatever thread of the
/// test run spawned it.
public final class ChildProcess: @unchecked Sendable {
    /// What the child reads on its standard input.
    public enum Input: Sendable {
        /// `/dev/null`.
        case null
        /// A pipe the test writes with ``write(_:)`` and closes with ``closeInput()``.
        case pipe
    }

    /// The child's process ID.
    public let pid: pid_t
    /// Everything the child writes to its standard output.
    public let stdout: OutputCollector
    /// Everything the child writes to its standard error.
    public let stderr: OutputCollector

    private let lock = ThreadLock()
    private var input: FileDescriptor?
    private var ended: Termination?

    /// Starts `executable` (a path; no PATH search) with `arguments`, in `environment`
    /// (this process's when nil).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: Input = .null
    ) throws {
        let output = try FileDescriptor.pipe()
        let errors = try FileDescriptor.pipe()
        let stdin = input == .pipe ? try FileDescriptor.pipe() : nil
        for descriptor in [output.readEnd, output.writeEnd, errors.readEnd, errors.writeEnd]
            + (stdin.map { [$0.readEnd, $0.writeEnd] } ?? [])
        {
            _ = fcntl(descriptor.rawValue, F_SETFD, FD_CLOEXEC)
        }
        defer {
            try? output.writeEnd.close()
            try? errors.writeEnd.close()
            try? stdin?.readEnd.close()
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.readEnd.rawValue, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output.writeEnd.rawValue, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.writeEnd.rawValue, 2)
        cchild_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigemptyset(&everySignal)
        for signal in Int32(1)..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&everySignal, signal) }
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let environmentStrings = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } }
        defer { environmentStrings?.forEach { free($0) } }

        var child = pid_t()
        let result = (argv + [nil]).withUnsafeBufferPointer { arguments in
            if let environmentStrings {
                return (environmentStrings + [nil]).withUnsafeBufferPointer { variables in
                    posix_spawn(
                        &child, executable, &actions, &attributes, arguments.baseAddress!, variables.baseAddress!)
                }
            }
            return posix_spawn(&child, executable, &actions, &attributes, arguments.baseAddress!, environ)
        }
        guard result == 0 else {
            try? output.readEnd.close()
            try? errors.readEnd.close()
            try? stdin?.writeEnd.close()
            throw ChildProcessError(executable: executable, errno: Errno(rawValue: result))
        }
        pid = child
        self.input = stdin?.writeEnd
        stdout = try OutputCollector(output.readEnd)
        stderr = try OutputCollector(errors.readEnd)
    }

    deinit {
        if ended == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        try? input?.close()
    }

    /// Writes `text` to the child's standard input (a pipe: ``Input/pipe``).
    public func write(_ text: String) throws {
        let descriptor = lock.withLock { input }
        guard let descriptor else { throw Errno.badFileDescriptor }
        _ = try descriptor.writeAll(text.utf8)
    }

    /// Closes the child's standard input: it reads end-of-file.
    public func closeInput() {
        let descriptor = lock.withLock {
            defer { input = nil }
            return input
        }
        try? descriptor?.close()
    }

    /// Sends `signal` to the child, unless it has been reaped already (its process ID
    /// may then belong to another process).
    public func signal(_ signal: Int32) {
        lock.withLock {
            if ended == nil { kill(pid, signal) }
        }
    }

    /// Whether the child is still running.
    public var isRunning: Bool { reap() == nil }

    /// Waits up to `timeout` for the child to end; how it ended, or nil when it still runs.
    public func wait(timeout: Duration) -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let termination = reap() { return termination }
            if ContinuousClock.now >= deadline { return nil }
            usleep(2_000)
        }
    }

    /// Waits for the child to end, however long it takes.
    public func wait() -> Termination {
        while true {
            if let termination = wait(timeout: .seconds(3600)) { return termination }
        }
    }

    /// Collects the child's end if it has ended (once; later calls return the same).
    private func reap() -> Termination? {
        lock.withLock {
            if let ended { return ended }
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &status, WNOHANG) } while result < 0 && errno == EINTR
            guard result == pid else { return nil }
            let signal = status & 0x7F
            ended = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
            return ended
        }
    }
}

/// A mirror with the process ID only: the rest changes on other threads, so a reflection
/// (a failed test expectation prints one) must not read it unlocked.
extension ChildProcess: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: ["pid": pid]) }
}

/// How a child process ended.
public enum Termination: Hashable, Sendable, CustomStringConvertible {
    /// It called exit with this status.
    case exited(Int32)
    /// A signal ended it.
    case signalled(Int32)

    /// The exit status, or the signal's number (as Foundation's `terminationStatus`).
    public var status: Int32 {
        switch self {
        case .exited(let status), .signalled(let status): status
        }
    }

    public var description: String {
        switch self {
        case .exited(let status): "exit \(status)"
        case .signalled(let signal): SignalPipe.name(of: signal)
        }
    }
}

/// A program that could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let executable: String
    public let errno: Errno

    public var description: String { "cannot start \(executable): \(errno.nameAndText)" }
}
