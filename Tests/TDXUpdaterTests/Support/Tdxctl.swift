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

    /// Runs `tdxctl arguments`, or `launcher tdxctl arguments` (e.g. `setpriv ...` to run it
    /// as another user) when `launcher` is not empty.
    static func run(_ arguments: [String], launcher: [String] = []) throws -> ChildRun {
        let tdxctl = try #require(path)
        let command = launcher + [tdxctl] + arguments
        // A tool stuck on a FIFO must not hang the test run: stop it after 30 s.
        return try ChildRun.run(command[0], Array(command.dropFirst()), timeout: .seconds(30))
    }
}
