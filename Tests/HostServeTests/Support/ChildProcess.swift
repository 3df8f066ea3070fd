#if FUSE
    import Foundation

    /// Runs a program to its end with a time limit and returns its exit status and output.
    struct ChildRun: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether it ended on its own before the time limit.
        let finished: Bool

        /// Runs `executable` with `arguments`; kills it after `timeout` seconds.
        static func run(
            _ executable: String, _ arguments: [String], timeout: TimeInterval = 60,
            environment: [String: String]? = nil
        ) throws -> ChildRun {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let environment { process.environment = environment }
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
            let stdout = output.fileHandleForReading.readDataToEndOfFile()
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            killer.cancel()
            let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
            return ChildRun(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self), finished: !killed)
        }

        /// Runs `script` with bash.
        static func bash(_ script: String, timeout: TimeInterval = 60) throws -> ChildRun {
            try run("/bin/bash", ["-c", script], timeout: timeout)
        }

        /// Runs `arguments` as user `nobody` (uid and gid 65534, no supplementary groups).
        static func asNobody(_ arguments: [String], timeout: TimeInterval = 60) throws -> ChildRun {
            try run(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups"] + arguments, timeout: timeout)
        }
    }

    /// A fresh directory under the temporary folder, removed by `remove()`.
    struct TemporaryDirectory {
        let path: String

        init(_ prefix: String) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            // Other users (the non-root tests) must be able to reach mounts inside.
            chmod(path, 0o755)
        }

        func sub(_ name: String) throws -> String {
            let child = path + "/" + name
            try FileManager.default.createDirectory(atPath: child, withIntermediateDirectories: true)
            return child
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
#endif
