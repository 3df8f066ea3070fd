import Foundation
import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

/// Reads a host built from `description` in a temporary root that lives until the read is done.
private func probe(_ description: HostDescription) throws -> HostStatus {
    let root = try TemporaryHostRoot(description)
    return withExtendedLifetime(root) { HostProbe(files: root.files).read() }
}

@Suite("Reading a host: cpuinfo, CPU lists, sysfs layouts")
struct HostStateTests {
    @Test("a mainline host root is read completely")
    func mainlineRoot() throws {
        var host = HostDescription()
        host.cpus = [HostDescription.sapphireRapids, HostDescription.emeraldRapids]
        host.offlineCPUs = [2, 3]
        let root = try TemporaryHostRoot(host)
        let status = HostProbe(files: root.files).read()
        #expect(status.tdxHostPresent)
        #expect(status.layout == SysfsLayout(loaderAttributes: .topLevel, firmwareName: "tdx_module"))
        #expect(status.layout.uploadFormat == .v2)
        #expect(status.layout.generation == "mainline")
        #expect(status.updateSupported)
        #expect(status.moduleVersion == .value(ModuleVersion("1.5.06")!))
        #expect(status.seamldrVersion == .value(ModuleVersion("1.5.00")!))
        #expect(status.remainingUpdates == .value(16))
        #expect(status.cpusOnline == .value([0, 1]))
        #expect(status.cpusPresent == .value([0, 1, 2, 3]))
        #expect(status.offlineCPUs == [2, 3])
        #expect(status.cpuSignatures == [HostDescription.sapphireRapids, HostDescription.emeraldRapids])
        #expect(status.noTDXExplanation == nil)
        #expect(status.uploadStatus == .value("idle"))
    }

    @Test("the older layouts are recognised, with the upload format they take")
    func legacyRoots() throws {
        var host = HostDescription()
        host.layout = .seamldrDirectory
        let directory = try probe(host)
        #expect(directory.layout == SysfsLayout(loaderAttributes: .seamldrDirectory, firmwareName: "tdx_module"))
        #expect(directory.layout.uploadFormat == .v1)
        #expect(directory.seamldrVersion == .value(ModuleVersion("1.5.00")!))
        #expect(directory.remainingUpdates == .value(16))

        host.layout = .seamldrUpload
        let upload = try probe(host)
        #expect(upload.layout == SysfsLayout(loaderAttributes: .seamldrDirectory, firmwareName: "seamldr_upload"))
        #expect(upload.layout.firmwareDirectory == "/sys/class/firmware/seamldr_upload")
        #expect(upload.layout.uploadFormat == .v1)
        #expect(upload.updateSupported)
    }

    @Test("a host without update support still reports its module")
    func noUpdateSupport() throws {
        var host = HostDescription()
        host.layout = .noUpdateSupport
        let status = try probe(host)
        #expect(status.tdxHostPresent)
        #expect(!status.updateSupported)
        #expect(status.moduleVersion.value == ModuleVersion("1.5.06"))
        #expect(status.seamldrVersion.errno == .noSuchFileOrDirectory)
        #expect(status.layout.generation == "no update support")
    }

    @Test("a machine without TDX is said so plainly, with a hint from the CPU flags")
    func noTDX() throws {
        var host = HostDescription()
        host.layout = .noTDX
        host.cpuReportsTDX = false
        let status = try probe(host)
        #expect(!status.tdxHostPresent)
        #expect(status.noTDXExplanation?.hasPrefix("this machine has no TDX") == true)
        #expect(status.noTDXExplanation?.contains("BIOS") == true)
        host.cpuReportsTDX = true
        let flagged = try probe(host)
        #expect(flagged.noTDXExplanation?.contains("modprobe tdx_host") == true)
    }

    @Test("an empty root (not even cpuinfo) reads as no TDX without crashing")
    func emptyRoot() throws {
        let path = try TemporaryFolder.make(prefix: "empty-root")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let status = HostProbe(files: RootDirectoryHostFiles(root: path)).read()
        #expect(!status.tdxHostPresent)
        #expect(status.processors.errno == .noSuchFileOrDirectory)
        #expect(status.cpusOnline.errno == .noSuchFileOrDirectory)
        #expect(status.noTDXExplanation != nil)
    }

    @Test("a lost module (version ENXIO) is explained as such")
    func lostModule() {
        let host = FakeFirmwareHost(HostDescription(), behavior: .loseModule)
        host.failReads(of: HostPaths.moduleVersion, with: .noSuchAddressOrDevice)
        let status = HostProbe(files: host).read()
        #expect(status.moduleVersion.errno == .noSuchAddressOrDevice)
        #expect(status.noTDXExplanation?.contains("ENXIO") == true)
    }

    @Test("garbage in an attribute is reported as malformed, not guessed")
    func malformedAttributes() throws {
        let root = try TemporaryHostRoot(HostDescription())
        try root.write(HostPaths.remainingUpdates, "lots\n")
        try root.write(HostPaths.seamldrVersion, "1.5\n")
        let status = HostProbe(files: root.files).read()
        #expect(status.remainingUpdates == .malformed(path: HostPaths.remainingUpdates, text: "lots"))
        #expect(status.seamldrVersion == .malformed(path: HostPaths.seamldrVersion, text: "1.5"))
    }

    @Test("root directory files: read, write existing only, list, errno on failure")
    func rootDirectoryFiles() throws {
        let root = try TemporaryHostRoot(HostDescription())
        let files = root.files
        #expect(try files.readText(HostPaths.moduleVersion) == "1.5.06")
        try files.writeText("/sys/class/firmware/tdx_module/loading", "1")
        #expect(try files.readText("/sys/class/firmware/tdx_module/loading") == "1")
        #expect(throws: HostFileError(path: "/sys/nope", errno: .noSuchFileOrDirectory)) {
            try files.write("/sys/nope", [1])
        }
        #expect(throws: HostFileError(path: "/nope", errno: .noSuchFileOrDirectory)) { try files.read("/nope") }
        #expect(
            try files.list("/sys/devices/faux/tdx_host") == ["num_remaining_updates", "seamldr_version", "version"])
        #expect(files.exists("/proc/cpuinfo"))
        #expect(!files.exists("/proc/nope"))
        #expect(RootDirectoryHostFiles(root: "/tmp/x/").resolve("/proc/cpuinfo") == "/tmp/x/proc/cpuinfo")
        #expect(RootDirectoryHostFiles().resolve("/proc/cpuinfo") == "/proc/cpuinfo")
    }
}
