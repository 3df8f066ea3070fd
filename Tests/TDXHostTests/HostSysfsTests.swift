import Foundation
import Lockstep
import SystemPackage
import SystemSupport
import TDXSysfs
import Testing

@testable import TDXHost

@Suite("the simulated host's sysfs: tdx_host attributes and the upload files")
struct HostSysfsTests {
    @Test("tdx_host attributes read the kernel's strings", .timeLimit(.minutes(3)))
    func attributes() throws {
        let host = try Fixtures.host(cpus: 4, tds: 0) { $0.remainingUpdates = 7 }
        defer { host.shutdown() }
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/version") == "1.5.06\n")
        #expect(host.sysfsText("sys/devices/faux/tdx_host/seamldr_version") == "2.0.00\n")
        #expect(host.sysfsText("sys/devices/faux/tdx_host/num_remaining_updates") == "7\n")
        #expect(host.sysfsText("sys/devices/faux/tdx_host/nonexistent") == "ENOENT")
        #expect(host.sysfsText("sys/devices/system/cpu/online") == "0-3\n")
        #expect(host.sysfsText("sys/devices/faux/tdx_host/firmware/tdx_module/status") == "idle\n")
        #expect(try host.sysfs.list("sys/class/firmware/tdx_module") == FirmwareUpload.fileNames.sorted())
        #expect(
            host.sysfs.entry("/sys/devices/faux/tdx_host/version")?.permissions == [.ownerRead, .groupRead, .otherRead])
        #expect(host.sysfs.entry("/sys/devices/faux/tdx_host/seamldr_version")?.permissions == .ownerRead)
        #expect(host.sysfs.entry("/sys/class/firmware/tdx_module/cancel")?.permissions == .ownerWrite)
        #expect(host.sysfs.entry("/sys/class/firmware/tdx_module")?.kind == .directory)
        #expect(
            failure { try host.sysfs.list("/sys/devices/faux/tdx_host/version") }
                == "ENOTDIR at /sys/devices/faux/tdx_host/version")
        #expect(
            failure { try host.sysfs.writeText("sys/devices/faux/tdx_host/version", "1.5.08") }
                == "EACCES at sys/devices/faux/tdx_host/version")
        let cpuinfo = host.sysfsText("proc/cpuinfo")
        #expect(cpuinfo.contains("cpu family\t: 6"))
        #expect(cpuinfo.contains("model\t\t: 143"))
        #expect(cpuinfo.contains("stepping\t: 8"))
    }

    @Test("version reads ENXIO after a fatal failure; the upload files stay", .timeLimit(.minutes(3)))
    func enxioAfterFatal() throws {
        let host = try Fixtures.host(cpus: 2, tds: 0) { $0.faults = [StepFault(step: .install, cpu: 1)] }
        defer { host.shutdown() }
        try host.upload(Fixtures.v1_5_08)
        #expect(
            failure { try host.sysfs.read("/sys/devices/faux/tdx_host/version") }
                == "ENXIO at /sys/devices/faux/tdx_host/version")
        #expect(host.sysfsText("/sys/class/firmware/tdx_module" + "/status") == "idle\n")
    }

    @Test("a second upload while one runs gets EBUSY; the first completes", .timeLimit(.minutes(3)))
    func secondUploadBusy() throws {
        let host = try Fixtures.host(cpus: 2, tds: 0)
        defer { host.shutdown() }
        // Hold the stop gate like a SEAMCALL in flight: the update cannot stop the world yet.
        let holder = host.kernel.gate.register()
        holder.enter()
        let directory = "/sys/class/firmware/tdx_module"
        try host.sysfs.writeText(directory + "/loading", "1")
        try host.sysfs.write(directory + "/data", Fixtures.v1_5_08)
        try host.sysfs.writeText(directory + "/loading", "0")
        #expect(host.sysfsText(directory + "/status") != "idle\n")

        try host.sysfs.writeText(directory + "/loading", "1")
        try host.sysfs.write(directory + "/data", Fixtures.v1_5_08)
        #expect(
            failure { try host.sysfs.writeText(directory + "/loading", "0") } == "EBUSY at " + directory + "/loading")
        #expect(host.sysfsText(directory + "/error") == "EBUSY")

        holder.leave()
        #expect(host.sysfs.upload.waitUntilIdle(timeout: .seconds(120)))
        #expect(host.sysfsText(directory + "/error") == "")
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/version") == "1.5.08\n")
        #expect(host.sysfs.upload.uploadsFinished == 1)
    }
}
