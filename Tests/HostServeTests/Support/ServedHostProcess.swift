#if FUSE
    import Foundation
    import SystemSupport
    import Testing

    /// The built `tdxctl`, next to this test bundle or in the package's `.build/debug`.
    enum TdxctlBinary {
        static let path: String? = {
            let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let candidates = [
                URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                    .appendingPathComponent("tdxctl").path,
                package.appendingPathComponent(".build/debug/tdxctl").path,
            ]
            return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        }()

        /// Runs `tdxctl` with `arguments` to its end.
        static func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> ChildRun {
            try ChildRun.run(try #require(path, "tdxctl is not built"), arguments, timeout: timeout)
        }
    }

    /// Collects what a child writes to one pipe, and lets a test wait for a line.
    final class OutputCollector: @unchecked Sendable {
        private let lock = ThreadLock()
        private var text = ""
        private var ended = false

        init(_ pipe: Pipe) {
            let handle = pipe.fileHandleForReading
            let thread = Thread { [self] in
                while true {
                    let data = handle.availableData
                    lock.withLock {
                        if data.isEmpty { ended = true } else { text += String(decoding: data, as: UTF8.self) }
                        lock.broadcast()
                    }
                    if data.isEmpty { return }
                }
            }
            thread.start()
        }

        /// Everything so far.
        var all: String { lock.withLock { text } }

        /// Waits up to `seconds` for a complete line that `matches`; returns it.
        func waitForLine(timeout seconds: Double = 60, _ matches: (Substring) -> Bool) -> String? {
            lock.withLock {
                var found: String?
                _ = lock.wait(until: MonotonicClock.now + UInt64(seconds * 1e9)) {
                    found = text.split(separator: "\n", omittingEmptySubsequences: true)
                        .first { matches($0) && text.contains($0 + "\n") }.map(String.init)
                    return found != nil || ended
                }
                return found
            }
        }
    }

    /// `tdxctl host serve` running as a child process with its own mount point; stopped
    /// (and its mount removed, whatever happened) by ``finish()``.
    final class ServedHostProcess {
        let directory: TemporaryDirectory
        let mountPoint: String
        let process = Process()
        let stdout: OutputCollector
        let stderr: OutputCollector
        /// The JSON start-up line, parsed.
        let startup: [String: Any]

        /// Starts `tdxctl host serve --mount <fresh dir> --json` plus `arguments`, and waits
        /// for its start-up line.
        init(_ arguments: [String], startupTimeout: Double = 120) throws {
            directory = try TemporaryDirectory("served-host")
            mountPoint = try directory.sub("root")
            process.executableURL = URL(fileURLWithPath: try #require(TdxctlBinary.path, "tdxctl is not built"))
            process.arguments = ["host", "serve", "--mount", mountPoint, "--json"] + arguments
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            stdout = OutputCollector(out)
            stderr = OutputCollector(err)
            try process.run()
            guard let line = stdout.waitForLine(timeout: startupTimeout, { $0.hasPrefix("{") }) else {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                MountTable.forceUnmount(mountPoint)
                directory.remove()
                throw ServedHostError.noStartupLine(stdout: stdout.all, stderr: stderr.all)
            }
            startup = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }

        /// A path inside the served root ("/sys/..." -> "<mount>/sys/...").
        func path(_ hostPath: String) -> String { mountPoint + hostPath }

        /// The content of a served file, or nil with the errno text when it cannot be read.
        func read(_ hostPath: String) -> Result<String, ChildFailure> {
            do {
                let run = try ChildRun.run("/bin/cat", [path(hostPath)], timeout: 60)
                return run.status == 0 ? .success(run.stdout) : .failure(ChildFailure(stderr: run.stderr))
            } catch {
                return .failure(ChildFailure(stderr: "\(error)"))
            }
        }

        /// The trimmed text of a served file, or nil when unreadable.
        func text(_ hostPath: String) -> String? {
            try? read(hostPath).get().trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Polls `status` in `firmwareDirectory` until it reads idle (up to `seconds`).
        func waitForIdle(_ firmwareDirectory: String, timeout seconds: Double = 60) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if text(firmwareDirectory + "/status") == "idle" { return true }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return false
        }

        /// Sends `signal` and waits up to `seconds` for the process to end; returns its
        /// exit status, nil when it did not end.
        func signal(_ signal: Int32, timeout seconds: Double = 30) -> Int32? {
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            return process.isRunning ? nil : process.terminationStatus
        }

        /// Kills the process if it still runs, removes the mount if it is still there, and
        /// deletes the directory. Safe to call more than once.
        func finish() {
            if process.isRunning { _ = signal(SIGKILL, timeout: 30) }
            MountTable.forceUnmount(mountPoint)
            directory.remove()
        }
    }

    /// What a failed client printed (e.g. "No such device or address").
    struct ChildFailure: Error, CustomStringConvertible {
        let stderr: String
        var description: String { stderr }
    }

    enum ServedHostError: Error, CustomStringConvertible {
        case noStartupLine(stdout: String, stderr: String)

        var description: String {
            switch self {
            case .noStartupLine(let stdout, let stderr):
                return "tdxctl host serve printed no start-up line; stdout: \(stdout) stderr: \(stderr)"
            }
        }
    }
#endif
