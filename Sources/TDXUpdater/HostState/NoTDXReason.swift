import TDXSysfs

/// Why a host offers no TDX module to update.
public enum NoTDXReason: Hashable, Sendable, CustomStringConvertible {
    /// `/sys/devices/faux/tdx_host` does not exist; `cpuReportsTDX` tells whether some
    /// CPU's flags show `tdx_host_platform` (then only the driver is missing).
    case noTDXHost(cpuReportsTDX: Bool)
    /// `version` reads ENXIO: a failed update or initialization lost the module and every TD.
    case moduleLost
    /// The kernel publishes no firmware-upload device for the module.
    case noUpdateSupport

    /// Every reason, for documentation and tests.
    public static let all: [NoTDXReason] = [
        .noTDXHost(cpuReportsTDX: false), .noTDXHost(cpuReportsTDX: true), .moduleLost, .noUpdateSupport,
    ]

    /// A stable snake_case identifier for JSON.
    public var code: String {
        switch self {
        case .noTDXHost: return "no_tdx_host"
        case .moduleLost: return "module_lost"
        case .noUpdateSupport: return "no_update_support"
        }
    }

    public var description: String {
        switch self {
        case .noTDXHost(let cpuReportsTDX):
            let text = "this machine has no TDX: \(HostPaths.tdxHost) does not exist"
            return cpuReportsTDX
                ? text
                    + " (the CPU reports tdx_host_platform: load the tdx_host driver, e.g. `modprobe tdx_host`, after kvm_intel with tdx=1)"
                : text + " (TDX is off in the BIOS, unsupported by this CPU, or not enabled in the kernel)"
        case .moduleLost:
            return
                "the TDX module is not running (\(HostPaths.moduleVersion): ENXIO): a failed update or initialization lost it, and every TD with it; only a reboot brings it back"
        case .noUpdateSupport:
            return
                "this kernel offers no TDX module runtime update (\(HostPaths.firmwareClass)/\(HostPaths.mainlineFirmwareName) does not exist: the CPU or P-SEAMLDR lacks update support, or the kernel predates it)"
        }
    }
}
