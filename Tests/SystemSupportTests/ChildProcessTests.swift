import ChildProcess
import Foundation
import Glibc
import Testing

/// The tests' own child processes: exit status, output, input, signals, time limits.
@Suite("ChildProcess: programs run by the tests", .timeLimit(.minutes(3)))
struct ChildProcessTests {
    @Test("status, both outputs and the environment come back")
    func runToEnd() throws {
        let run = try ChildRun.run(
            "/bin/sh", ["-c", "echo out; echo err >&2; echo \"$X\"; exit 3"], environment: ["X": "seen"])
        #expect(run.termination == .exited(3))
        #expect(run.stdout == "out\nseen\n")
        #expect(run.stderr == "err\n")
        #expect(run.finished)
    }

    @Test("input reaches the child, also more than a pipe holds")
    func input() throws {
        let text = String(repeating: "0123456789abcdef\n", count: 20_000)
        let run = try ChildRun.run("/usr/bin/wc", ["-c"], input: text)
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(text.utf8.count)")
    }

    @Test("a child past its time limit is killed and says so")
    func timeLimit() throws {
        let run = try ChildRun.run("/bin/sleep", ["30"], timeout: .milliseconds(200))
        #expect(run.termination == .signalled(SIGKILL))
        #expect(!run.finished)
    }

    @Test("signals reach the child with their default action, whoever spawned it")
    func signals() throws {
        let child = try ChildProcess("/bin/sh", ["-c", "echo ready; exec sleep 30"])
        #expect(child.stdout.waitForLine(timeout: .seconds(60)) { $0 == "ready" } == "ready")
        #expect(child.isRunning)
        child.signal(SIGTERM)
        #expect(child.wait(timeout: .seconds(60)) == .signalled(SIGTERM))
        #expect(!child.isRunning)
    }

    @Test("a program that does not exist is an error naming it")
    func missing() {
        #expect {
            try ChildProcess("/nonexistent/program", [])
        } throws: { error in
            "\(error)".contains("/nonexistent/program") && "\(error)".contains("ENOENT")
        }
    }
}
