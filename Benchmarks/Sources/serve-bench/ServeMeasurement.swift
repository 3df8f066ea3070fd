#if FUSE
    import BenchSupport
    import Foundation
    import TDXHost
    import TDXImage
    import TDXServedHost
    import TDXSysfs

    #if canImport(Glibc)
        import Glibc
    #endif

    /// One run of serve-bench: a served host mounted (in this process or by `tdxctl host serve`), and the three ways to
    /// reach a file timed in turns.
    struct ServeMeasurement {
        let tmpfsDirectory: String
        let reads: Int
        let writes: Int
        let updates: Int
        let cpus: Int
        let pollIntervalUs: Int
        /// A tdxctl built with the FUSE trait to serve the mount from a process of its own;
        /// nil: the mount is served in this process.
        let servedBy: String?
        static let dataSize = 600 * 1024

        func run(progress: (String) -> Void) throws -> ServeResult {
            let machine = Machine.current()
            var configuration = HostConfiguration()
            configuration.cpus = cpus > 0 ? .simulated(count: cpus) : .online
            configuration.tdCount = 2
            configuration.tdCallsPerSecond = 1000
            configuration.remainingUpdates = UInt32(2 * updates + 10)
            let host = try SimulatedHost(configuration: configuration)
            host.startWorkloads()
            let mountPoint = try Self.temporaryDirectory()
            defer { rmdir(mountPoint) }
            let served: ServedHost?
            let external: ExternalServedHost?
            if let tdxctl = servedBy {
                served = nil
                external = try ExternalServedHost(
                    tdxctl: tdxctl, mountPoint: mountPoint,
                    arguments: ["--tds", "2", "--remaining", "\(2 * updates + 10)"]
                        + (cpus > 0 ? ["--cpus", "\(cpus)"] : []))
            } else {
                served = try ServedHost(host: host, mountPoint: mountPoint)
                external = nil
            }
            defer {
                served?.stop()
                external?.stop()
            }
            let tmpfs = Plain(directory: tmpfsDirectory)
            defer { tmpfs.remove() }
            let poll = StatusPoll(intervalUs: pollIntervalUs)
            let ways: [any HostWay] = [
                tmpfs, InProcess(files: host.sysfs, poll: poll), Mounted(root: mountPoint, poll: poll),
            ]
            let image = try BuiltinImages.image(version: ModuleVersion(major: 1, minor: 5, update: 8))
            let data = [UInt8](repeating: 0xA5, count: Self.dataSize)
            try tmpfs.prepare()

            // The ways take turns operation by operation, so a burst of load on this shared
            // machine hits all of them alike.
            var result = ServeResult(machine: machine)
            for index in 0..<reads {
                for way in ways { result.versionRead[way.name, default: Latencies()].append(try way.readVersion()) }
                if (index + 1) % (reads / 4) == 0 { progress("version reads: \(index + 1)/\(reads)") }
            }
            for _ in 0..<reads {
                for way in ways {
                    guard let (opened, closed) = try way.openAndCloseVersion() else { continue }
                    result.versionOpen[way.name, default: Latencies()].append(opened)
                    result.versionClose[way.name, default: Latencies()].append(closed)
                }
            }
            progress("opens and closes of version: \(reads)")
            let rereads = try ways.map { try $0.openForRereads() }
            for _ in 0..<reads {
                for (way, reread) in zip(ways, rereads) {
                    result.reread[way.name, default: Latencies()].append(try reread.once())
                }
            }
            for reread in rereads { reread.close() }
            progress("rereads of an open file: \(reads)")
            for _ in 0..<writes {
                for way in ways { result.dataWrite[way.name, default: Latencies()].append(try way.writeData(data)) }
            }
            progress("data writes: \(writes)")
            for _ in 0..<updates {
                for way in ways where way.updates {
                    let (ns, failed) = try way.update(image)
                    result.update[way.name, default: Latencies()].append(ns)
                    if failed { result.failedUpdates += 1 }
                }
            }
            progress("updates: \(updates)")
            result.machine = machine.finished()
            return result
        }

        static func temporaryDirectory() throws -> String {
            var template = Array((NSTemporaryDirectory() + "/serve-bench-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { throw BenchError.input(path: "mkdtemp", reason: "failed") }
            return String(cString: made)
        }
    }

    /// One way to reach the host's files.
    protocol HostWay {
        var name: String { get }
        /// Whether a whole update can run this way (not on a plain file).
        var updates: Bool { get }
        /// ns for open, read to the end, close of `version`.
        func readVersion() throws -> UInt64
        /// ns for open(2) of `version`, and for its close(2) (nil in process: no descriptor).
        func openAndCloseVersion() throws -> (UInt64, UInt64)?
        /// A file held open whose reads at offset 0 are timed: `status` (through the mount,
        /// direct I/O, so each read is one FUSE request: the least any request costs).
        func openForRereads() throws -> Reread
        /// ns for writing 600 KiB to `data` (a load is open around it, untimed).
        func writeData(_ bytes: [UInt8]) throws -> UInt64
        /// ns from writing 0 to `loading` until `status` reads idle; whether it failed.
        func update(_ image: [UInt8]) throws -> (UInt64, Bool)
    }

    /// Reads at offset 0 of one open file, timed.
    struct Reread {
        /// ns for one read.
        let once: () throws -> UInt64
        let close: () -> Void

        /// `path` opened once; each read is one `pread` at offset 0.
        static func descriptor(_ path: String) throws -> Reread {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw BenchError.input(path: path, reason: String(cString: strerror(errno))) }
            var buffer = [UInt8](repeating: 0, count: 4096)
            return Reread(
                once: {
                    let start = monotonicNs()
                    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
                    let elapsed = monotonicNs() - start
                    guard count > 0 else { throw BenchError.input(path: path, reason: "read returned \(count)") }
                    return elapsed
                }, close: { Glibc.close(descriptor) })
        }
    }

    /// Files through POSIX calls under `root` (the mount), as a client process sees them.
    struct Mounted: HostWay {
        let root: String
        let poll: StatusPoll
        var name: String { "mount" }
        var updates: Bool { true }
        var firmware: String { root + SysfsLayout.mainline.firmwareDirectory! }

        func readVersion() throws -> UInt64 {
            let start = monotonicNs()
            _ = try PosixFile.read(root + HostPaths.moduleVersion)
            return monotonicNs() - start
        }

        func openAndCloseVersion() throws -> (UInt64, UInt64)? {
            try PosixFile.timeOpenAndClose(root + HostPaths.moduleVersion)
        }

        func openForRereads() throws -> Reread { try .descriptor(firmware + "/status") }

        func writeData(_ bytes: [UInt8]) throws -> UInt64 {
            try PosixFile.write(firmware + "/loading", Array("1".utf8))
            let start = monotonicNs()
            try PosixFile.write(firmware + "/data", bytes)
            let elapsed = monotonicNs() - start
            try PosixFile.write(firmware + "/loading", Array("-1".utf8))
            return elapsed
        }

        func update(_ image: [UInt8]) throws -> (UInt64, Bool) {
            try PosixFile.write(firmware + "/loading", Array("1".utf8))
            try PosixFile.write(firmware + "/data", image)
            // `status` stays open and is re-read at offset 0, which produces its text anew as
            // sysfs does: one request per poll instead of open, read, read, close.
            let status = open(firmware + "/status", O_RDONLY | O_CLOEXEC)
            guard status >= 0 else { throw BenchError.input(path: firmware + "/status", reason: "open failed") }
            defer { close(status) }
            var buffer = [UInt8](repeating: 0, count: 64)
            let idle = Array("idle\n".utf8)
            let start = monotonicNs()
            try PosixFile.write(firmware + "/loading", Array("0".utf8))
            while true {
                let count = buffer.withUnsafeMutableBytes { pread(status, $0.baseAddress, $0.count, 0) }
                guard count >= 0 else { throw BenchError.input(path: firmware + "/status", reason: "read failed") }
                if buffer.prefix(count).elementsEqual(idle) { break }
                poll.pause()
            }
            let elapsed = monotonicNs() - start
            return (elapsed, try PosixFile.read(firmware + "/error") != [])
        }
    }

    /// The simulated host's files called directly (no kernel, no FUSE).
    struct InProcess: HostWay {
        let files: HostSysfs
        let poll: StatusPoll
        var name: String { "in process" }
        var updates: Bool { true }
        var firmware: String { SysfsLayout.mainline.firmwareDirectory! }

        func readVersion() throws -> UInt64 {
            let start = monotonicNs()
            _ = try files.read(HostPaths.moduleVersion)
            return monotonicNs() - start
        }

        func openAndCloseVersion() throws -> (UInt64, UInt64)? { nil }

        func openForRereads() throws -> Reread {
            let status = firmware + "/status"
            return Reread(
                once: {
                    let start = monotonicNs()
                    _ = try files.read(status)
                    return monotonicNs() - start
                }, close: {})
        }

        func writeData(_ bytes: [UInt8]) throws -> UInt64 {
            try files.writeText(firmware + "/loading", "1")
            let start = monotonicNs()
            try files.write(firmware + "/data", bytes, offset: 0)
            let elapsed = monotonicNs() - start
            try files.writeText(firmware + "/loading", "-1")
            return elapsed
        }

        func update(_ image: [UInt8]) throws -> (UInt64, Bool) {
            try files.writeText(firmware + "/loading", "1")
            try files.write(firmware + "/data", image, offset: 0)
            let start = monotonicNs()
            try files.writeText(firmware + "/loading", "0")
            while try files.read(firmware + "/status") != Array("idle\n".utf8) { poll.pause() }
            let elapsed = monotonicNs() - start
            return (elapsed, try files.read(firmware + "/error") != [])
        }
    }

    /// What a client does between two reads of `status`: yield, or sleep a while.
    struct StatusPoll {
        let intervalUs: Int

        func pause() {
            if intervalUs > 0 { usleep(UInt32(intervalUs)) } else { sched_yield() }
        }
    }

    /// Plain files on tmpfs: the floor for any file operation.
    struct Plain: HostWay {
        let directory: String
        var name: String { "tmpfs" }
        var updates: Bool { false }
        var version: String { directory + "/serve-bench-\(getpid())-version" }
        var data: String { directory + "/serve-bench-\(getpid())-data" }

        func prepare() throws {
            try PosixFile.write(version, Array("1.5.06\n".utf8), create: true)
            try PosixFile.write(data, [], create: true)
        }

        func remove() {
            unlink(version)
            unlink(data)
        }

        func readVersion() throws -> UInt64 {
            let start = monotonicNs()
            _ = try PosixFile.read(version)
            return monotonicNs() - start
        }

        func openAndCloseVersion() throws -> (UInt64, UInt64)? { try PosixFile.timeOpenAndClose(version) }

        func openForRereads() throws -> Reread { try .descriptor(version) }

        func writeData(_ bytes: [UInt8]) throws -> UInt64 {
            let start = monotonicNs()
            try PosixFile.write(data, bytes)
            return monotonicNs() - start
        }

        func update(_ image: [UInt8]) throws -> (UInt64, Bool) { (0, false) }
    }

    /// open/read/write/close as a shell's `cat` and `>` do them.
    enum PosixFile {
        static func read(_ path: String) throws -> [UInt8] {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw BenchError.input(path: path, reason: String(cString: strerror(errno))) }
            defer { close(descriptor) }
            var content: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                guard count >= 0 else { throw BenchError.input(path: path, reason: String(cString: strerror(errno))) }
                if count == 0 { return content }
                content += buffer[0..<count]
            }
        }

        /// ns for open(2) of `path` read-only, and for its close(2).
        static func timeOpenAndClose(_ path: String) throws -> (UInt64, UInt64) {
            let start = monotonicNs()
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            let opened = monotonicNs()
            guard descriptor >= 0 else { throw BenchError.input(path: path, reason: String(cString: strerror(errno))) }
            close(descriptor)
            return (opened - start, monotonicNs() - opened)
        }

        static func write(_ path: String, _ bytes: [UInt8], create: Bool = false) throws {
            let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | (create ? O_CREAT : 0), 0o644)
            guard descriptor >= 0 else { throw BenchError.input(path: path, reason: String(cString: strerror(errno))) }
            defer { close(descriptor) }
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes {
                    Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written)
                }
                guard count > 0 else { throw BenchError.input(path: path, reason: String(cString: strerror(errno))) }
                written += count
            }
        }
    }
#endif
