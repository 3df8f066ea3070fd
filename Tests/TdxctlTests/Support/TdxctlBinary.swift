import ChildProcess
import Foundation
import Testing

/// The built `tdxctl` next to the test bundle (or in `.build/debug`), run as a real process.
enum TdxctlBinary {
    static let path: String? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tdxctl")
                .path,
            package.appendingPathComponent(".build/debug/tdxctl").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// What one run printed and how it exited.
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String

        /// Standard output as one JSON object.
        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(stdout)")
        }
    }

    /// Runs `tdxctl arguments`; a run that does not end within 120 s is terminated.
    static func run(_ arguments: [String]) throws -> Run {
        let run = try ChildRun.run(try #require(path), arguments, timeout: .seconds(120))
        return Run(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }
}
