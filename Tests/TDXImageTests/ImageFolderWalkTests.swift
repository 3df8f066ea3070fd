import Foundation
import TDXImage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Walking an image folder safely: no links, no devices, no other file systems")
struct ImageFolderWalkTests {
    /// A folder with one of everything a walk must not touch, and a real file at each level.
    static func hostileFolder() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        let root = folder.path
        try FileManager.default.createDirectory(atPath: root + "/a/b/c/d", withIntermediateDirectories: true)
        for (index, level) in ["", "/a", "/a/b", "/a/b/c", "/a/b/c/d"].enumerated() {
            try Data([UInt8(index)]).write(to: URL(fileURLWithPath: root + level + "/file\(index).img"))
        }
        #expect(mkfifo(root + "/pipe.img", 0o600) == 0)
        #expect(symlink(root + "/file0.img", root + "/link.img") == 0)
        #expect(symlink(root + "/loop.img", root + "/loop.img") == 0)
        #expect(symlink("/", root + "/escape") == 0)
        try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: false)
        try Data([1]).write(to: URL(fileURLWithPath: root + "/.git/hidden.img"))
        return folder
    }

    @Test("files found at four levels; links, FIFOs and deeper folders skipped with their reasons")
    func hostile() throws {
        let folder = try Self.hostileFolder()
        let start = ContinuousClock.now
        let walk = try ImageFolderWalk(directory: folder.path, mounts: MountTable(mounts: []))
        #expect(ContinuousClock.now - start < .seconds(10))
        let root = walk.root
        #expect(
            walk.files.map(\.path) == [
                root + "/a/b/c/file3.img", root + "/a/b/file2.img", root + "/a/file1.img", root + "/file0.img",
            ])
        let reasons = Dictionary(uniqueKeysWithValues: walk.skipped.map { ($0.path, $0.reason.code) })
        #expect(reasons[root + "/pipe.img"] == "fifo")
        #expect(reasons[root + "/link.img"] == "symbolic_link")
        #expect(reasons[root + "/loop.img"] == "symbolic_link")
        #expect(reasons[root + "/escape"] == "symbolic_link")
        #expect(reasons[root + "/a/b/c/d"] == "too_deep")
        #expect(reasons[root + "/.git"] == nil)
        #expect(!walk.stoppedAtEntryLimit)
    }

    @Test("a device node is skipped, never opened", .enabled(if: getuid() == 0))
    func deviceNode() throws {
        let folder = try ScratchFolder()
        #expect(mknod(folder.path + "/console.img", S_IFCHR | 0o600, dev_t(5) << 8 | dev_t(1)) == 0)
        let walk = try ImageFolderWalk(directory: folder.path, mounts: MountTable(mounts: []))
        #expect(walk.files.isEmpty)
        #expect(walk.skipped.map(\.reason) == [.special(.characterDevice)])
    }

    @Test("the entry limit stops the walk and says so")
    func entryLimit() throws {
        let folder = try ScratchFolder()
        for index in 0..<30 { try Data([1]).write(to: URL(fileURLWithPath: folder.path + "/f\(index)")) }
        let walk = try ImageFolderWalk(
            directory: folder.path, mounts: MountTable(mounts: []),
            limits: ImageFolderWalk.Limits(maximumDepth: 4, maximumEntries: 10))
        #expect(walk.stoppedAtEntryLimit)
        #expect(walk.files.count == 10)
    }

    @Test(
        "never started in /proc, /sys or /dev",
        arguments: ["/proc", "/proc/self", "/sys", "/sys/kernel", "/dev", "/dev/shm"])
    func pseudoTrees(path: String) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        #expect {
            try ImageFolderWalk(directory: path)
        } throws: { error in
            guard case ImageFolderError.pseudoFileSystem(let where_, _) = error else { return false }
            return (error as? ImageFolderError)?.description.contains("never searched") == true
                && where_.hasPrefix(path.hasPrefix("/proc/self") ? "/proc" : path)
        }
    }

    @Test("from /, the walk skips /proc, /sys and /dev and every mount point, and stays bounded")
    func fromRoot() async throws {
        let start = ContinuousClock.now
        // On a Dispatch thread: a long synchronous walk must not hold a cooperative thread.
        let walk = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ImageFolderWalk(directory: "/") })
            }
        }
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(
            !walk.files.contains {
                $0.path.hasPrefix("/proc/") || $0.path.hasPrefix("/sys/") || $0.path.hasPrefix("/dev/")
            })
        let skipped = Set(walk.skipped.map(\.path))
        #expect(skipped.contains("/proc"))
        #expect(skipped.contains("/sys"))
    }

    @Test("not a directory, or missing: typed errors naming the path")
    func notAFolder() throws {
        let folder = try ScratchFolder()
        let file = folder.path + "/plain"
        try Data([1]).write(to: URL(fileURLWithPath: file))
        #expect(throws: ImageFolderError.notADirectory(path: file, kind: .regular)) {
            try ImageFolderWalk(directory: file, mounts: MountTable(mounts: []))
        }
        #expect {
            try ImageFolderWalk(directory: folder.path + "/missing", mounts: MountTable(mounts: []))
        } throws: { error in
            guard case ImageFolderError.unreadable(let failure) = error else { return false }
            return failure.errno?.rawValue == ENOENT && failure.description.contains(folder.path + "/missing")
        }
    }

    @Test("a mount point in the table is skipped by its path alone")
    func mountPointFromTable() throws {
        let folder = try ScratchFolder()
        let root = try #require(
            realpath(folder.path, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            })
        try FileManager.default.createDirectory(atPath: root + "/hung", withIntermediateDirectories: false)
        try Data([1]).write(to: URL(fileURLWithPath: root + "/hung/tdx_module_1.5.08.blob"))
        let table = MountTable(mounts: [.init(mountPoint: root + "/hung", fileSystemType: "fuse.sshfs")])
        let walk = try ImageFolderWalk(directory: root, mounts: table)
        #expect(walk.files.isEmpty)
        #expect(walk.skipped == [SkippedEntry(path: root + "/hung", reason: .mountPoint)])
    }

    @Test("a real tmpfs mounted inside the folder is skipped", .enabled(if: ScratchMount.permitted))
    func realMount() throws {
        let folder = try ScratchFolder()
        let mount = try ScratchMount(at: folder.path + "/mnt")
        try Data([1]).write(to: URL(fileURLWithPath: mount.path + "/tdx_module_1.5.08.blob"))
        let walk = try ImageFolderWalk(directory: folder.path)
        #expect(walk.files.isEmpty)
        #expect(walk.skipped.map(\.reason) == [.mountPoint])
        // Without the mount table, st_dev still keeps the walk on the folder's file system.
        let blind = try ImageFolderWalk(directory: folder.path, mounts: MountTable(mounts: []))
        #expect(blind.files.isEmpty)
        #expect(blind.skipped.map(\.reason) == [.otherFileSystem])
        withExtendedLifetime((folder, mount)) {}
    }
}

/// A tmpfs mounted on a new folder for one test, unmounted on deinit.
final class ScratchMount {
    let path: String

    /// Whether this process may mount (root in a namespace that allows it).
    static let permitted: Bool = {
        guard let folder = try? ScratchFolder() else { return false }
        let mounted = (try? ScratchMount(at: folder.path + "/probe")) != nil  // unmounted at once
        withExtendedLifetime(folder) {}
        return mounted
    }()

    init(at path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        guard Glibc.mount("tdx-test", path, "tmpfs", 0, "size=1m") == 0 else {
            throw CocoaError(.fileWriteNoPermission)
        }
        self.path = path
    }

    deinit {
        _ = umount2(path, Int32(MNT_DETACH))
        _ = rmdir(path)
    }
}
