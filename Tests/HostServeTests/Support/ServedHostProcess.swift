#if FUSE
    import ChildProcess
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
        static func run(_ arguments: [String], timeout: Duration = .seconds(120)) throws -> ChildRun {
            try ChildRun.run(try #require(path, "tdxctl is not built"), arguments, timeout: timeout)
        }
    }

    /// `tdxctl host serve` running as a child process with its own mount point; stopped
    /// (and its mount removed, whatever happened) by ``finish()``.
    final class ServedHostProcess {
        let directory: TemporaryDirectory
        let mountPoint: String
        let process: ChildProcess
        /// The JSON start-up line, parsed.
        let startup: [String: Any]

        /// What the served host printed so far.
        var stdout: OutputCollector { process.stdout }
        var stderr: OutputCollector { process.stderr }

        /// Starts `tdxctl host serve --mount <fresh dir> --json` plus `arguments`, and waits
        /// for its start-up line.
        init(_ arguments: [String], startupTimeout: Duration = .seconds(120)) throws {
            directory = try TemporaryDirectory("served-host")
            mountPoint = try directory.sub("root")
            process = try ChildProcess(
                try #require(TdxctlBinary.path, "tdxctl is not built"),
                ["host", "serve", "--mount", mountPoint, "--json"] + arguments)
            guard let line = process.stdout.waitForLine(timeout: startupTimeout, { $0.hasPrefix("{") }) else {
                process.signal(SIGKILL)
                _ = process.wait()
                MountTable.forceUnmount(mountPoint)
                directory.remove()
                throw ServedHostError.noStartupLine(stdout: process.stdout.all, stderr: process.stderr.all)
            }
            startup = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }

        /// A path inside the served root ("/sys/..." -> "<mount>/sys/...").
        func path(_ hostPath: String) -> String { mountPoint + hostPath }

        /// The content of a served file, or nil with the errno text when it cannot be read.
        func read(_ hostPath: String) -> Result<String, ChildFailure> {
            do {
                let run = try ChildRun.run("/bin/cat", [path(hostPath)], timeout: .seconds(60))
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

        /// Sends `signal` and waits up to `timeout` for the process to end; returns its
        /// exit status, nil when it did not end.
        func signal(_ signal: Int32, timeout: Duration = .seconds(120)) -> Int32? {
            process.signal(signal)
            return process.wait(timeout: timeout)?.status
        }

        /// Kills the process if it still runs, removes the mount if it is still there, and
        /// deletes the directory. Safe to call more than once.
        func finish() {
            if process.isRunning { _ = signal(SIGKILL) }
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

    /// A mirror with the mount point only (a failed expectation reflects the values it
    /// names; the process and its outputs change on other threads).
    extension ServedHostProcess: CustomReflectable {
        var customMirror: Mirror { Mirror(self, children: ["mountPoint": mountPoint]) }
    }
#endif
