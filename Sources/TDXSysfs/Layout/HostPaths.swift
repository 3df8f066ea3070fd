/// Where a Linux host publishes the TDX update interface (absolute host paths).
///
/// Mainline (Linux 7.2) paths first; the older ones are those of the posted kernel series
/// (v3–v7) that Intel's script still uses. Which of them a host has is its ``SysfsLayout``.
public enum HostPaths {
    /// `/proc/cpuinfo`: one block per online CPU with family, model and stepping.
    public static let cpuinfo = "/proc/cpuinfo"
    /// CPUs the kernel has online ("0-3,5").
    public static let cpusOnline = "/sys/devices/system/cpu/online"
    /// CPUs physically present ("0-7").
    public static let cpusPresent = "/sys/devices/system/cpu/present"
    /// CPUs the kernel could ever bring up ("0-7").
    public static let cpusPossible = "/sys/devices/system/cpu/possible"
    /// The `tdx_host` faux device; exists only when TDX is enabled and the module initialized.
    public static let tdxHost = "/sys/devices/faux/tdx_host"
    /// The running module's version ("1.5.08"); ENXIO after the module was lost.
    public static let moduleVersion = tdxHost + "/version"
    /// Mainline (v8+): P-SEAMLDR version, root-only.
    public static let seamldrVersion = tdxHost + "/seamldr_version"
    /// Mainline (v8+): updates P-SEAMLDR can still take before a reboot, root-only.
    public static let remainingUpdates = tdxHost + "/num_remaining_updates"
    /// Series v3–v7: the P-SEAMLDR attribute directory.
    public static let legacySeamldrDirectory = tdxHost + "/seamldr"
    /// Series v3–v7: P-SEAMLDR version (the path Intel's script reads).
    public static let legacySeamldrVersion = legacySeamldrDirectory + "/version"
    /// Series v3–v7: remaining updates.
    public static let legacyRemainingUpdates = legacySeamldrDirectory + "/num_remaining_updates"
    /// The firmware-upload class directory.
    public static let firmwareClass = "/sys/class/firmware"
    /// Firmware-upload name since series v4 (and mainline).
    public static let mainlineFirmwareName = "tdx_module"
    /// Firmware-upload name up to series v3 (Intel's script's FIRMWARE_PATH).
    public static let legacyFirmwareName = "seamldr_upload"
    /// The firmware-upload directories under the device (the class directory links here).
    public static let deviceFirmware = tdxHost + "/firmware"

    /// A sysfs attribute shows at most one page (the kernel's `sysfs_emit` bound).
    public static let attributeReadLimit = 4096
    /// `/proc/cpuinfo` of the largest machines Linux runs on (8,192 CPUs of about 2 KiB each).
    public static let procReadLimit = 32 << 20

    /// The most bytes a read of `path` may return: one page under `/sys`, more for `/proc`.
    /// A longer file is not what the kernel publishes there and is refused, not read on.
    public static func readLimit(for path: String) -> Int {
        path.hasPrefix("/sys/") ? attributeReadLimit : procReadLimit
    }

    /// The firmware-upload files of one device, as the kernel's fw_upload core names them.
    public enum UploadFile: String, CaseIterable, Sendable {
        /// Write "1" to start a load, "0" to hand the buffer over, "-1" to abort.
        case loading
        /// The image bytes (written between loading=1 and loading=0).
        case data
        /// Where the upload is: an ``UploadStatus``.
        case status
        /// Empty, or "<status>:<error>" after a failed upload (``UploadFailure``).
        case error
        /// Bytes the driver has yet to take.
        case remainingSize = "remaining_size"
        /// Write "1" to ask the driver to cancel (TDX cannot).
        case cancel

        /// The file's name in the device directory.
        public var name: String { rawValue }
    }
}
