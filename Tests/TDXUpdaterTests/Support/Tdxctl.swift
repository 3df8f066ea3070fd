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
        let process = Process()
        let tdxctl = try #require(path)
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = launcher.dropFirst() + [tdxctl] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: tdxctl)
            process.arguments = arguments
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // A tool stuck on a FIFO must not hang the test run: stop it after 30 s.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        defer { watchdog.cancel() }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
