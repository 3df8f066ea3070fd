import Glibc
import SystemSupport

/// A program run to its end with a time limit: its exit status and output.
public struct ChildRun: Sendable {
    /// How it ended.
    public let termination: Termination
    /// Its standard output.
    public let stdout: String
    /// Its standard error.
    public let stderr: String
    /// Whether it ended on its own before the time limit (false: it was killed).
    public let finished: Bool

    /// The exit status (or the signal's number when a signal ended it).
    public var status: Int32 { termination.status }

    /// Runs `executable` with `arguments`, `input` on its standard input; SIGKILLs it
    /// after `timeout`.
    public static func run(
        _ executable: String, _ arguments: [String], timeout: Duration = .seconds(60),
        environment: [String: String]? = nil, input: String? = nil
    ) throws -> ChildRun {
        let child = try ChildProcess(
            executable, arguments, environment: environment, input: input == nil ? .null : .pipe)
        if let input {
            // Written on a thread of its own: a child that answers before reading all of
            // its input cannot then deadlock on a full pipe.
            try DetachedThread.start {
                try? child.write(input)
                child.closeInput()
            }
        }
        var finished = true
        var termination = child.wait(timeout: timeout)
        if termination == nil {
            finished = false
            child.signal(SIGKILL)
            termination = child.wait()
        }
        // The pipes end when the child and whatever it started have closed them.
        let stdout = child.stdout.waitForEnd(timeout: .seconds(30)) ?? child.stdout.all
        let stderr = child.stderr.waitForEnd(timeout: .seconds(30)) ?? child.stderr.all
        return ChildRun(termination: termination!, stdout: stdout, stderr: stderr, finished: finished)
    }

    /// Runs `script` with bash.
    public static func bash(_ script: String, timeout: Duration = .seconds(60)) throws -> ChildRun {
        try run("/bin/bash", ["-c", script], timeout: timeout)
    }
}
