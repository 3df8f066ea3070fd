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

    /// Runs `tdxctl arguments`; a run that does not end within 120 s is terminated.
    static func run(_ arguments: [String]) throws -> ChildRun {
        try ChildRun.run(try #require(path), arguments, timeout: .seconds(120))
    }
}
