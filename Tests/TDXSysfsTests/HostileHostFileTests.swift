import Foundation
import Glibc
import SystemPackage
import SystemSupport
import TDXSysfs
import Testing

/// A folder standing for a host's "/" whose files a test may replace by FIFOs, links and
/// directories; removed when the value goes.
private final class MutableRoot {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tdx-hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: path + "/sys/devices/faux/tdx_host", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/proc", withIntermediateDirectories: true)
    }

    func write(_ hostPath: String, _ content: String) throws {
        try Data(content.utf8).write(to: URL(fileURLWithPath: path + hostPath))
    }

    func fifo(_ hostPath: String) throws {
        #expect(mkfifo(path + hostPath, 0o644) == 0)
    }

    func link(_ hostPath: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path + hostPath, withDestinationPath: target)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Host files under hostile roots: never block, never follow, never read past a page")
struct HostileHostFileTests {
    @Test("a FIFO in place of an attribute is refused at once, naming it, for read, write and check")
    func fifo() throws {
        let root = try MutableRoot()
        try root.fifo(HostPaths.moduleVersion)
        let files = RootDirectoryHostFiles(root: root.path)
        let read = #expect(throws: HostFileError.self) { try files.read(HostPaths.moduleVersion) }
        #expect(read?.path == HostPaths.moduleVersion)
        #expect(read?.errno == .invalidArgument)
        #expect(read?.description.contains("a FIFO, not a regular file") == true)
        let write = #expect(throws: HostFileError.self) { try files.write(HostPaths.moduleVersion, [0x31]) }
        #expect(write?.errno == .invalidArgument)
        #expect(throws: HostFileError.self) { try files.checkFile(HostPaths.moduleVersion) }
        #expect(files.exists(HostPaths.moduleVersion))
    }

    @Test("a link is never followed: a loop and a link to a big file are ELOOP, naming the link")
    func links() throws {
        let root = try MutableRoot()
        try root.link(HostPaths.moduleVersion, to: root.path + HostPaths.moduleVersion)
        let big = root.path + "/big"
        #expect(FileManager.default.createFile(atPath: big, contents: Data(count: 1 << 20)))
        try root.link(HostPaths.seamldrVersion, to: big)
        let files = RootDirectoryHostFiles(root: root.path)
        for path in [HostPaths.moduleVersion, HostPaths.seamldrVersion] {
            let error = #expect(throws: HostFileError.self) { try files.read(path) }
            #expect(error?.path == path && error?.errno == .tooManySymbolicLinkLevels)
            #expect(files.exists(path))
        }
    }

    @Test("a sysfs attribute longer than a page is refused; /proc files may be longer")
    func readLimits() throws {
        let root = try MutableRoot()
        try root.write(HostPaths.moduleVersion, String(repeating: "1", count: HostPaths.attributeReadLimit))
        try root.write(HostPaths.seamldrVersion, String(repeating: "1", count: HostPaths.attributeReadLimit + 1))
        try root.write(HostPaths.cpuinfo, String(repeating: "x", count: 100_000))
        let files = RootDirectoryHostFiles(root: root.path)
        #expect(try files.read(HostPaths.moduleVersion).count == HostPaths.attributeReadLimit)
        let error = #expect(throws: HostFileError.self) { try files.read(HostPaths.seamldrVersion) }
        #expect(error?.errno == .fileTooLarge && error?.path == HostPaths.seamldrVersion)
        #expect(try files.read(HostPaths.cpuinfo).count == 100_000)
    }

    @Test("a directory, a socket and a device are named for what they are")
    func otherKinds() throws {
        let root = try MutableRoot()
        try FileManager.default.createDirectory(
            atPath: root.path + HostPaths.moduleVersion, withIntermediateDirectories: true)
        let files = RootDirectoryHostFiles(root: root.path)
        let directory = #expect(throws: HostFileError.self) { try files.read(HostPaths.moduleVersion) }
        #expect(directory?.errno == .isDirectory)
        let device = RootDirectoryHostFiles(root: "/")
        let null = #expect(throws: HostFileError.self) { try device.read("/dev/null") }
        #expect(null?.description.contains("a character device, not a regular file") == true)
    }
}
