import ChildProcess
import Foundation
import Testing

/// The built `tdxctl` next to this package's build products, when there is one.
enum Tdxctl {
    static let path: String? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tdxctl")
                .path,
            package.appendingPathComponent(".build/debug/tdxctl").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Run: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String

        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        }
    }

    /// Runs `tdxctl arguments`, or `launcher tdxctl arguments` (e.g. `setpriv ...` to run it
    /// as another user) when `launcher` is not empty.
    static func run(_ arguments: [String], launcher: [String] = []) throws -> Run {
        let tdxctl = try #require(path)
        let command = launcher + [tdxctl] + arguments
        // A tool stuck on a FIFO must not hang the test run: stop it after 30 s.
        let run = try ChildRun.run(command[0], Array(command.dropFirst()), timeout: .seconds(30))
        return Run(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }
}
