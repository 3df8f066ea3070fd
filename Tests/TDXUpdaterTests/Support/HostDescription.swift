import TDXImage
import TDXSysfs

@testable import TDXUpdater

/// A host to build for a test: its CPUs, TDX state and interface generation. Turned into
/// files (path -> content) that a temporary root directory or the in-memory fake serves.
struct HostDescription: Sendable {
    enum Layout: Sendable {
        /// Mainline: tdx_host/seamldr_version, class/firmware/tdx_module.
        case mainline
        /// Series v4-v7: tdx_host/seamldr/ directory, class/firmware/tdx_module.
        case seamldrDirectory
        /// Series v3 (Intel's script): tdx_host/seamldr/ directory, class/firmware/seamldr_upload.
        case seamldrUpload
        /// tdx_host with only `version`: no update support.
        case noUpdateSupport
        /// No tdx_host at all.
        case noTDX
    }

    var layout: Layout = .mainline
    /// One signature per online CPU, in CPU order.
    var cpus: [CPUIDSignature] = Array(repeating: CPUIDSignature(rawValue: 0x806F8), count: 4)
    /// Present CPUs beyond the online ones (offline), by number.
    var offlineCPUs: [Int] = []
    var moduleVersion: String = "1.5.06"
    var seamldrVersion: String = "1.5.00"
    var remainingUpdates: String = "16"
    var cpuReportsTDX = true
    /// False: `cpu/online` holds text that is not a CPU list.
    var cpuListsReadable = true

    static let sapphireRapids = CPUIDSignature(rawValue: 0x806F8)
    static let emeraldRapids = CPUIDSignature(rawValue: 0xC06F2)
    static let graniteRapids = CPUIDSignature(rawValue: 0xA06D1)

    var firmwareDirectory: String? {
        switch layout {
        case .mainline, .seamldrDirectory: return "/sys/class/firmware/tdx_module"
        case .seamldrUpload: return "/sys/class/firmware/seamldr_upload"
        case .noUpdateSupport, .noTDX: return nil
        }
    }

    /// The static files of the host (the firmware-upload files included, idle).
    var files: [String: String] {
        var files: [String: String] = [:]
        files["/proc/cpuinfo"] = cpuinfo
        let online = Array(0..<cpus.count)
        files["/sys/devices/system/cpu/online"] = cpuListsReadable ? CPUList.format(online) + "\n" : "all of them\n"
        files["/sys/devices/system/cpu/present"] = CPUList.format(online + offlineCPUs) + "\n"
        guard layout != .noTDX else { return files }
        let host = "/sys/devices/faux/tdx_host"
        files[host + "/version"] = moduleVersion + "\n"
        switch layout {
        case .mainline:
            files[host + "/seamldr_version"] = seamldrVersion + "\n"
            files[host + "/num_remaining_updates"] = remainingUpdates + "\n"
        case .seamldrDirectory, .seamldrUpload:
            files[host + "/seamldr/version"] = seamldrVersion + "\n"
            files[host + "/seamldr/num_remaining_updates"] = remainingUpdates + "\n"
        case .noUpdateSupport, .noTDX:
            break
        }
        if let firmwareDirectory {
            files[firmwareDirectory + "/loading"] = "0\n"
            files[firmwareDirectory + "/data"] = ""
            files[firmwareDirectory + "/status"] = "idle\n"
            files[firmwareDirectory + "/error"] = "\n"
            files[firmwareDirectory + "/remaining_size"] = "0\n"
            files[firmwareDirectory + "/cancel"] = ""
        }
        return files
    }

    var cpuinfo: String {
        var text = ""
        for (index, cpu) in cpus.enumerated() {
            text += "processor\t: \(index)\n"
            text += "vendor_id\t: GenuineIntel\n"
            text += "cpu family\t: \(cpu.family)\n"
            text += "model\t\t: \(cpu.model)\n"
            text += "model name\t: Intel(R) Xeon(R) Platinum 8480+\n"
            text += "stepping\t: \(cpu.stepping)\n"
            text += "microcode\t: 0x2b000590\n"
            text += "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic vmx"
            text += cpuReportsTDX ? " tdx_host_platform\n" : "\n"
            text += "\n"
        }
        return text
    }
}
