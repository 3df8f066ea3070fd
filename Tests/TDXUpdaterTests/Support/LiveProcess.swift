import ChildProcess
import Glibc

/// A child process whose standard output is read line by line while it runs, through a
/// pipe: a test can wait for a line, then act (signal it, release a lock) while the child
/// is still running. Killed after `limit` so that a stuck child cannot hang the run.
final class LiveProcess: Sendable {
    let process: ChildProcess
    private let limit: Duration

    init(_ executable: String, _ arguments: [String], limit: Duration = .seconds(60)) throws {
        process = try ChildProcess(executable, arguments)
        self.limit = limit
    }

    /// Waits until a line of standard output contains `text` (true), or the output ends or
    /// `timeout` passes first (false).
    func waitForLine(containing text: String, timeout: Duration = .seconds(30)) -> Bool {
        process.stdout.waitForLine(timeout: timeout) { $0.contains(text) } != nil
    }

    /// Whether the process still runs.
    var isRunning: Bool { process.isRunning }

    /// Sends `signal` to the process.
    func signal(_ signal: Int32) { process.signal(signal) }

    /// Waits for the process to end (SIGKILL after the limit); its exit status, every line
    /// of standard output, and standard error.
    func finish() -> (status: Int32, stdout: [String], stderr: String) {
        let termination =
            process.wait(timeout: limit)
            ?? {
                process.signal(SIGKILL)
                return process.wait()
            }()
        _ = process.stdout.waitForEnd(timeout: .seconds(30))
        _ = process.stderr.waitForEnd(timeout: .seconds(30))
        return (termination.status, process.stdout.lines, process.stderr.all)
    }
}

/// A mirror with the process ID only: the outputs grow on other threads.
extension LiveProcess: CustomReflectable {
    var customMirror: Mirror { Mirror(self, children: ["pid": process.pid]) }
}
