import ArgumentParser
import Foundation

/// One run of a child process, timed from launch to exit; its output is discarded.
enum ChildRun {
    static func wallNs(_ executable: String, _ arguments: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        // status exits 0 or 20, list 0 or 20; 1 would mean the host did not answer in time.
        guard [0, 20].contains(process.terminationStatus) else {
            throw ValidationError("\(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    }
}
