/// Which generation of the kernel's TDX update interface a host exposes, told apart by
/// where the P-SEAMLDR attributes live and what the firmware-upload device is called.
///
/// | layout | loader attributes | firmware upload | image format |
/// |---|---|---|---|
/// | ``mainline`` (Linux 7.2, series v8+) | `tdx_host/seamldr_version` | `tdx_module` | v2 `tdx_image` |
/// | ``seriesV4`` (series v4–v7) | `tdx_host/seamldr/` | `tdx_module` | v1 `tdx_blob` |
/// | ``legacy`` (series v3, Intel's script) | `tdx_host/seamldr/` | `seamldr_upload` | v1 `tdx_blob` |
public struct SysfsLayout: Hashable, Sendable {
    /// Where the P-SEAMLDR attributes (`version`, `num_remaining_updates`) are.
    public enum LoaderAttributes: String, Hashable, Sendable {
        /// Mainline: `tdx_host/seamldr_version` and `tdx_host/num_remaining_updates`.
        case topLevel = "top_level"
        /// Series v3–v7: `tdx_host/seamldr/version` and `.../num_remaining_updates`.
        case seamldrDirectory = "seamldr_directory"
        /// Not published: no update support (feature bit absent, VMCS erratum, old kernel).
        case absent
    }

    /// Linux 7.2: the attributes at the top of `tdx_host`, the upload device `tdx_module`.
    public static let mainline = SysfsLayout(loaderAttributes: .topLevel, firmwareName: HostPaths.mainlineFirmwareName)
    /// The posted series v4–v7: the `tdx_host/seamldr/` directory, the upload device `tdx_module`.
    public static let seriesV4 = SysfsLayout(
        loaderAttributes: .seamldrDirectory, firmwareName: HostPaths.mainlineFirmwareName)
    /// The posted series v3, the paths Intel's `version_select_and_load.py` still uses:
    /// `tdx_host/seamldr/` and the upload device `seamldr_upload`.
    public static let legacy = SysfsLayout(
        loaderAttributes: .seamldrDirectory, firmwareName: HostPaths.legacyFirmwareName)

    /// Where the P-SEAMLDR attributes are.
    public let loaderAttributes: LoaderAttributes
    /// The firmware-upload device's name under `/sys/class/firmware`, nil when absent.
    public let firmwareName: String?

    /// A layout from its two distinguishing facts.
    public init(loaderAttributes: LoaderAttributes, firmwareName: String?) {
        self.loaderAttributes = loaderAttributes
        self.firmwareName = firmwareName
    }

    /// Whether the kernel offers runtime updates at all (the firmware-upload device exists;
    /// the check mainline's documentation gives as step 1).
    public var supportsUpdates: Bool { firmwareName != nil }

    /// The firmware-upload directory, e.g. `/sys/class/firmware/tdx_module`.
    public var firmwareDirectory: String? {
        firmwareName.map { HostPaths.firmwareClass + "/" + $0 }
    }

    /// The same directory under the device, e.g. `/sys/devices/faux/tdx_host/firmware/tdx_module`.
    public var deviceFirmwareDirectory: String? {
        firmwareName.map { HostPaths.deviceFirmware + "/" + $0 }
    }

    /// Path of one firmware-upload file, nil without update support.
    public func uploadPath(_ file: HostPaths.UploadFile) -> String? {
        firmwareDirectory.map { $0 + "/" + file.name }
    }

    /// Path of the P-SEAMLDR version attribute, nil when not published.
    public var seamldrVersionPath: String? {
        switch loaderAttributes {
        case .topLevel: return HostPaths.seamldrVersion
        case .seamldrDirectory: return HostPaths.legacySeamldrVersion
        case .absent: return nil
        }
    }

    /// Path of the remaining-updates attribute, nil when not published.
    public var remainingUpdatesPath: String? {
        switch loaderAttributes {
        case .topLevel: return HostPaths.remainingUpdates
        case .seamldrDirectory: return HostPaths.legacyRemainingUpdates
        case .absent: return nil
        }
    }

    /// Whether this kernel's upload takes Intel's published v1 `tdx_blob` as is: the posted
    /// series that used the `seamldr/` directory or `seamldr_upload`. Mainline takes only
    /// v2. (Series v8 flattened the attributes but still took v1; it was never merged, so
    /// a flat layout is taken as mainline.)
    public var takesV1Blobs: Bool {
        firmwareName == HostPaths.legacyFirmwareName || loaderAttributes == .seamldrDirectory
    }

    /// A short name for reports: "mainline", "series v4-v7", "series v3", "no update support".
    public var generation: String {
        switch (loaderAttributes, firmwareName) {
        case (_, nil): return "no update support"
        case (_, HostPaths.legacyFirmwareName): return "series v3 (seamldr_upload)"
        case (.seamldrDirectory, _): return "series v4-v7 (tdx_host/seamldr/)"
        default: return "mainline"
        }
    }

    /// Finds the layout `files` exposes.
    public static func detect(in files: some HostFiles) -> SysfsLayout {
        let loader: LoaderAttributes
        if files.exists(HostPaths.seamldrVersion) || files.exists(HostPaths.remainingUpdates) {
            loader = .topLevel
        } else if files.exists(HostPaths.legacySeamldrDirectory) {
            loader = .seamldrDirectory
        } else {
            loader = .absent
        }
        let firmware = [HostPaths.mainlineFirmwareName, HostPaths.legacyFirmwareName].first {
            files.exists(HostPaths.firmwareClass + "/" + $0)
        }
        return SysfsLayout(loaderAttributes: loader, firmwareName: firmware)
    }
}
