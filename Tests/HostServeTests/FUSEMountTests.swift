#if FUSE
    import ChildProcess
    import FUSEMount
    import Foundation
    import SystemPackage
    import SystemSupport
    import Testing

    /// A small tree for the mount's own tests: a public file, a root-only file, a
    /// writable file that keeps what is written, a file whose reads the kernel caches, and a
    /// file whose read blocks until released (a request handler that does not return).
    private final class ToyFileSystem: FUSEFileSystem, @unchecked Sendable {
        let lock = ThreadLock()
        var stored: [UInt8] = []
        var cached: [UInt8] = Array("one\n".utf8)
        var cachedReads = 0
        var blocked = true
        var blockedReaders = 0

        func attributes(of path: String) throws(Errno) -> FUSEAttributes {
            switch path {
            case "/":
                return FUSEAttributes(
                    kind: .directory, permissions: [.ownerReadWriteExecute, .groupReadExecute, .otherReadExecute],
                    size: 0)
            case "/hello", "/stuck":
                return FUSEAttributes(kind: .file, permissions: [.ownerRead, .groupRead, .otherRead], size: 4096)
            case "/secret": return FUSEAttributes(kind: .file, permissions: [.ownerRead], size: 4096)
            case "/store":
                let size = lock.withLock { stored.count }
                return FUSEAttributes(kind: .file, permissions: [.ownerReadWrite, .groupRead, .otherRead], size: size)
            case "/cached":
                let size = lock.withLock { cached.count }
                return FUSEAttributes(kind: .file, permissions: [.ownerRead, .groupRead, .otherRead], size: size)
            default: throw .noSuchFileOrDirectory
            }
        }

        func entries(of directory: String) throws(Errno) -> [String] {
            guard directory == "/" else { throw .notDirectory }
            return ["cached", "hello", "secret", "store", "stuck"]
        }

        func open(_ path: String, mode: FileDescriptor.AccessMode, truncate: Bool) throws(Errno) -> FUSEOpenFile {
            _ = try attributes(of: path)
            return FUSEOpenFile(handle: 1, cachesPages: path == "/cached")
        }

        func read(_ path: String, handle: UInt64, offset: Int, into buffer: UnsafeMutableRawBufferPointer)
            throws(Errno) -> Int
        {
            let content: [UInt8]
            switch path {
            case "/hello": content = Array("hello\n".utf8)
            case "/secret": content = Array("secret\n".utf8)
            case "/store": content = lock.withLock { stored }
            case "/cached":
                content = lock.withLock {
                    cachedReads += 1
                    return cached
                }
            case "/stuck":
                lock.withLock {
                    blockedReaders += 1
                    lock.broadcast()
                    _ = lock.wait { !blocked }
                }
                content = []
            default: throw .noSuchFileOrDirectory
            }
            guard offset < content.count else { return 0 }
            let count = min(buffer.count, content.count - offset)
            content.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            return count
        }

        func write(_ path: String, handle: UInt64, offset: Int, bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
            guard path == "/store" else { throw .permissionDenied }
            lock.withLock {
                if stored.count < offset + bytes.count {
                    stored += [UInt8](repeating: 0, count: offset + bytes.count - stored.count)
                }
                stored.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
            }
            return bytes.count
        }

        func truncate(_ path: String, size: Int) throws(Errno) {
            guard path == "/store" else { throw .permissionDenied }
            lock.withLock { stored = Array(stored.prefix(size)) }
        }

        func release(_ path: String, handle: UInt64) {}

        func waitForBlockedReader() -> Bool {
            lock.withLock { lock.wait(until: MonotonicClock.now + 30_000_000_000) { blockedReaders > 0 } }
        }

        func unblock() {
            lock.withLock {
                blocked = false
                lock.broadcast()
            }
        }
    }

    /// No children in a mirror: the state changes on libfuse's threads.
    extension ToyFileSystem: CustomReflectable {
        var customMirror: Mirror { Mirror(self, children: [:]) }
    }

    @Suite(
        "FUSEMount: a Swift file tree as a real mount",
        .enabled(if: FUSEAvailability.available, FUSEAvailability.reason),
        .timeLimit(.minutes(3)))
    struct FUSEMountTests {
        @Test("files read, write, list and stat through the mount; stop unmounts")
        func servesAndUnmounts() throws {
            let directory = try TemporaryDirectory("fusemount")
            defer { directory.remove() }
            let point = try directory.sub("mnt")
            let mount = try FUSEMount(mountPoint: point, fileSystem: ToyFileSystem())
            defer {
                mount.stop()
                MountTable.forceUnmount(point)
            }
            #expect(MountTable.isMounted(point))
            #expect(try String(contentsOfFile: point + "/hello", encoding: .utf8) == "hello\n")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: point).sorted() == [
                    "cached", "hello", "secret", "store", "stuck",
                ])
            let attributes = try FileManager.default.attributesOfItem(atPath: point + "/secret")
            #expect((attributes[.posixPermissions] as? Int) == 0o400)
            #expect((attributes[.ownerAccountID] as? Int) == 0)

            let shell = try ChildRun.bash(
                "printf abc > '\(point)/store' && printf XY >> '\(point)/store' && cat '\(point)/store'")
            #expect(shell.status == 0, "\(shell.stderr)")
            #expect(shell.stdout == "abcXY")
            let missing = try ChildRun.bash("cat '\(point)/nothing'")
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("No such file or directory"))

            #expect(mount.isServing)
            #expect(mount.stop())
            #expect(!MountTable.isMounted(point))
            #expect(!mount.isServing)
        }

        @Test("a file opened with cachesPages is read from the kernel's cache until invalidate, then anew")
        func pageCacheUntilInvalidated() throws {
            let directory = try TemporaryDirectory("fusemount-cache")
            defer { directory.remove() }
            let point = try directory.sub("mnt")
            let fileSystem = ToyFileSystem()
            let mount = try FUSEMount(mountPoint: point, fileSystem: fileSystem)
            defer {
                mount.stop()
                MountTable.forceUnmount(point)
            }
            func cat() throws -> String {
                let run = try ChildRun.run("/bin/cat", [point + "/cached"])
                #expect(run.status == 0, "\(run.stderr)")
                return run.stdout
            }
            #expect(try cat() == "one\n")
            #expect(try cat() == "one\n")
            #expect(fileSystem.lock.withLock { fileSystem.cachedReads } == 1)

            // Same size and time: nothing tells the kernel the content changed but invalidate.
            fileSystem.lock.withLock { fileSystem.cached = Array("two\n".utf8) }
            #expect(try cat() == "one\n", "the kernel's cache serves the old content until invalidated")
            mount.invalidate("/cached")
            #expect(try cat() == "two\n")
            // A new size reaches the kernel too: it reads no further than the size says.
            fileSystem.lock.withLock { fileSystem.cached = Array("three, longer\n".utf8) }
            mount.invalidate("/cached")
            #expect(try cat() == "three, longer\n")
            #expect(fileSystem.lock.withLock { fileSystem.cachedReads } == 3)
            // Invalidating a path the kernel never looked up, or after stop, is harmless.
            mount.invalidate("/hello")
            #expect(mount.stop())
            mount.invalidate("/cached")
        }

        @Test("after stop, isServing stays false for the mount's whole life; stop again returns the first answer")
        func stateAfterStop() throws {
            let directory = try TemporaryDirectory("fusemount-after")
            defer { directory.remove() }
            let point = try directory.sub("mnt")
            let mount = try FUSEMount(mountPoint: point, fileSystem: ToyFileSystem())
            defer { MountTable.forceUnmount(point) }
            let stopped = mount.stop()
            #expect(stopped)
            // Churn the allocator: memory the mount no longer owns would be handed out again.
            for round in 0..<1_000 {
                let churn = (0..<64).map { [UInt8](repeating: UInt8(truncatingIfNeeded: round + $0), count: 48) }
                let serving = mount.isServing
                #expect(!serving, "round \(round)")
                if serving { break }
                _ = churn.count
            }
            let again = mount.stop(timeout: .milliseconds(10))
            #expect(again)
        }

        @Test("the kernel checks modes: another user reads 0444 but not 0400, and cannot write")
        func kernelChecksPermissions() throws {
            let directory = try TemporaryDirectory("fusemount-perm")
            defer { directory.remove() }
            let point = try directory.sub("mnt")
            let mount = try FUSEMount(mountPoint: point, fileSystem: ToyFileSystem())
            defer {
                mount.stop()
                MountTable.forceUnmount(point)
            }
            let readable = try ChildRun.asNobody(["cat", point + "/hello"])
            #expect(readable.status == 0, "\(readable.stderr)")
            #expect(readable.stdout == "hello\n")
            let secret = try ChildRun.asNobody(["cat", point + "/secret"])
            #expect(secret.status != 0)
            #expect(secret.stderr.contains("Permission denied"))
            let write = try ChildRun.asNobody(["/bin/bash", "-c", "echo 1 > '\(point)/store'"])
            #expect(write.status != 0)
            #expect(write.stderr.contains("Permission denied"))
        }

        @Test("fusermount3 -u from outside ends serving and tells the owner")
        func externalUnmount() throws {
            let directory = try TemporaryDirectory("fusemount-ext")
            defer { directory.remove() }
            let point = try directory.sub("mnt")
            let ended = ThreadLock()
            nonisolated(unsafe) var loopEnded = false
            let mount = try FUSEMount(mountPoint: point, fileSystem: ToyFileSystem()) {
                ended.withLock {
                    loopEnded = true
                    ended.broadcast()
                }
            }
            defer {
                mount.stop()
                MountTable.forceUnmount(point)
            }
            let unmount = try ChildRun.run(try #require(FUSEAvailability.fusermount), ["-u", point])
            #expect(unmount.status == 0, "\(unmount.stderr)")
            let sawEnd = ended.withLock { ended.wait(until: MonotonicClock.now + 30_000_000_000) { loopEnded } }
            #expect(sawEnd)
            #expect(!mount.isServing)
            #expect(mount.stop())
        }

        @Test("stop with a request handler that never returns: the mount goes, stop reports it")
        func stopWithStuckHandler() throws {
            let directory = try TemporaryDirectory("fusemount-stuck")
            defer { directory.remove() }
            let point = try directory.sub("mnt")
            let fileSystem = ToyFileSystem()
            let mount = try FUSEMount(mountPoint: point, fileSystem: fileSystem)
            defer {
                fileSystem.unblock()
                mount.stop()
                MountTable.forceUnmount(point)
            }
            let reader = try ChildProcess("/bin/cat", [point + "/stuck"])
            #expect(fileSystem.waitForBlockedReader())
            #expect(!mount.stop(timeout: .milliseconds(300)))
            #expect(!MountTable.isMounted(point))
            fileSystem.unblock()
            #expect(reader.wait(timeout: .seconds(120)) != nil)
        }
    }
#endif
