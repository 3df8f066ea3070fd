import Foundation
import TDXImage
import Testing

@testable import TDXUpdater

/// Reads a host built from `description` in a temporary root that lives until the read is done.
private func probe(_ description: HostDescription) throws -> HostStatus {
    let root = try TemporaryHostRoot(description)
    return withExtendedLifetime(root) { HostProbe(files: root.files).read() }
}

@Suite("Reading a host: cpuinfo, CPU lists, sysfs layouts")
struct HostStateTests {
    @Test(
        "CPUID.1.EAX is rebuilt from cpuinfo's family/model/stepping",
        arguments: [
            (6, 143, 8, UInt32(0x806F8)),  // Sapphire Rapids
            (6, 207, 2, 0xC06F2),  // Emerald Rapids
            (6, 173, 1, 0xA06D1),  // Granite Rapids
            (6, 175, 3, 0xA06F3),  // Sierra Forest
            (6, 174, 0, 0xA06E0),  // Granite Rapids-D
            (15, 6, 5, 0xF65),  // family 15 without extended family
            (25, 17, 1, 0xA10F11),  // family 0x19 (extended family 0xA)
            (5, 4, 3, 0x543),
        ])
    func signature(family: Int, model: Int, stepping: Int, raw: UInt32) throws {
        let signature = try #require(CPUIDSignature(family: family, model: model, stepping: stepping))
        #expect(signature.rawValue == raw)
        #expect(signature.family == family)
        #expect(signature.model == model)
        #expect(signature.stepping == stepping)
        #expect(signature.withoutStepping.rawValue == raw & 0xFFFF_FFF0)
    }

    @Test("values CPUID cannot encode are refused")
    func unencodable() {
        #expect(CPUIDSignature(family: 5, model: 0x20, stepping: 0) == nil)
        #expect(CPUIDSignature(family: 6, model: 0x100, stepping: 0) == nil)
        #expect(CPUIDSignature(family: 6, model: 1, stepping: 16) == nil)
        #expect(CPUIDSignature(family: -1, model: 1, stepping: 1) == nil)
    }

    @Test("cpuinfo with several sockets gives every CPU's signature")
    func cpuinfoAllCPUs() throws {
        var host = HostDescription()
        host.cpus = [HostDescription.sapphireRapids, HostDescription.sapphireRapids, HostDescription.emeraldRapids]
        let processors = try ProcessorInfo.parseCPUInfo(host.cpuinfo)
        #expect(processors.map(\.processor) == [0, 1, 2])
        #expect(processors.map(\.signature) == host.cpus)
        #expect(processors.allSatisfy { $0.vendor == "GenuineIntel" && $0.reportsTDXHostPlatform })
    }

    @Test("cpuinfo problems name the block and field")
    func cpuinfoErrors() {
        #expect(throws: CPUInfoError.noProcessors) { try ProcessorInfo.parseCPUInfo("") }
        #expect(throws: CPUInfoError.missingField(block: 0, field: "stepping")) {
            try ProcessorInfo.parseCPUInfo("processor\t: 0\ncpu family\t: 6\nmodel\t\t: 143\n\n")
        }
        #expect(throws: CPUInfoError.invalidField(block: 1, field: "model", value: "x")) {
            try ProcessorInfo.parseCPUInfo(
                "processor : 0\ncpu family : 6\nmodel : 1\nstepping : 1\n\nprocessor : 1\ncpu family : 6\nmodel : x\nstepping : 1\n"
            )
        }
    }

    @Test(
        "CPU lists parse and format like the kernel's",
        arguments: [
            ("0-3\n", [0, 1, 2, 3]), ("0,2-3,7", [0, 2, 3, 7]), ("5", [5]), ("\n", []),
        ])
    func cpuList(text: String, cpus: [Int]) {
        #expect(CPUList.parse(text) == cpus)
        #expect(CPUList.parse(CPUList.format(cpus)) == cpus)
    }

    @Test("malformed CPU lists are refused", arguments: ["a", "3-1", "1,,2", "-1", "1-", "0-2-3"])
    func cpuListMalformed(text: String) {
        #expect(CPUList.parse(text) == nil)
    }

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
        #expect(status.seamldrVersion.errno == .noEntry)
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
        #expect(status.processors.errno == .noEntry)
        #expect(status.cpusOnline.errno == .noEntry)
        #expect(status.noTDXExplanation != nil)
    }

    @Test("a lost module (version ENXIO) is explained as such")
    func lostModule() {
        let host = FakeFirmwareHost(HostDescription(), behavior: .loseModule)
        host.failReads(of: HostPaths.moduleVersion, with: .noDeviceOrAddress)
        let status = HostProbe(files: host).read()
        #expect(status.moduleVersion.errno == .noDeviceOrAddress)
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
        #expect(throws: HostFileError(path: "/sys/nope", errno: .noEntry)) { try files.write("/sys/nope", [1]) }
        #expect(throws: HostFileError(path: "/nope", errno: .noEntry)) { try files.read("/nope") }
        #expect(
            try files.list("/sys/devices/faux/tdx_host") == ["num_remaining_updates", "seamldr_version", "version"])
        #expect(files.exists("/proc/cpuinfo"))
        #expect(!files.exists("/proc/nope"))
        #expect(RootDirectoryHostFiles(root: "/tmp/x/").resolve("/proc/cpuinfo") == "/tmp/x/proc/cpuinfo")
        #expect(RootDirectoryHostFiles().resolve("/proc/cpuinfo") == "/proc/cpuinfo")
    }
}
