import TDXImage

/// Which generation of the kernel's TDX update interface a host exposes, told apart by
/// where the P-SEAMLDR attributes live and what the firmware-upload device is called.
///
/// | layout | loader attributes | firmware upload | image format |
/// |---|---|---|---|
/// | mainline (series v8+) | `tdx_host/seamldr_version` | `tdx_module` | v2 `tdx_image` |
/// | series v4–v7 | `tdx_host/seamldr/` | `tdx_module` | v1 `tdx_blob` |
/// | series v3 (Intel's script) | `tdx_host/seamldr/` | `seamldr_upload` | v1 `tdx_blob` |
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

    /// The image format this kernel's upload accepts: v1 for the posted series that used
    /// the `seamldr/` directory or `seamldr_upload`, v2 for mainline. (Series v8 flattened
    /// the attributes but still took v1; it was never merged, so v2 is assumed.)
    public var uploadFormat: ImageFormat {
        if firmwareName == HostPaths.legacyFirmwareName || loaderAttributes == .seamldrDirectory {
            return .v1
        }
        return .v2
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
