import Foundation
import SystemSupport

/// A child process whose standard output is read line by line while it runs, through a
/// pipe: a test can wait for a line, then act (signal it, release a lock) while the child
/// is still running. Killed after `limit` so that a stuck child cannot hang the run.
final class LiveProcess: @unchecked Sendable {
    let process = Process()
    private let lock = ThreadLock()
    private var lines: [String] = []
    private var partial = Data()
    private var closed = false
    private var errorData = Data()
    private var errorClosed = false

    init(_ executable: String, _ arguments: [String], limit: Duration = .seconds(60)) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let reader = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = reader.availableData
                lock.withLock {
                    if chunk.isEmpty {
                        closed = true
                    } else {
                        partial.append(chunk)
                        while let newline = partial.firstIndex(of: 0x0A) {
                            lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                            partial = Data(partial[partial.index(after: newline)...])
                        }
                    }
                    lock.broadcast()
                }
                if chunk.isEmpty { return }
            }
        }
        let errorReader = errors.fileHandleForReading
        Thread.detachNewThread { [self] in
            let data = errorReader.readDataToEndOfFile()
            lock.withLock {
                errorData = data
                errorClosed = true
                lock.broadcast()
            }
        }
        let process = self.process
        let (seconds, _) = limit.components
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(seconds))) {
            if process.isRunning { process.terminate() }
        }
    }

    /// Waits until a line of standard output contains `text` (true), or the output ends or
    /// `timeout` passes first (false).
    func waitForLine(containing text: String, timeout: Duration = .seconds(30)) -> Bool {
        let deadline = MonotonicClock.deadline(after: timeout)
        return lock.withLock {
            _ = lock.wait(until: deadline) { closed || lines.contains { $0.contains(text) } }
            return lines.contains { $0.contains(text) }
        }
    }

    /// Whether the process still runs.
    var isRunning: Bool { process.isRunning }

    /// Waits for the process to end; its exit status, every line of standard output, and
    /// standard error.
    func finish() -> (status: Int32, stdout: [String], stderr: String) {
        process.waitUntilExit()
        let deadline = MonotonicClock.deadline(after: .seconds(30))
        return lock.withLock {
            _ = lock.wait(until: deadline) { closed && errorClosed }
            return (process.terminationStatus, lines, String(decoding: errorData, as: UTF8.self))
        }
    }
}
