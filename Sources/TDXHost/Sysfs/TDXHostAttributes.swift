/// What the `tdx_host` device's attributes read from: the kernel's cached module state and
/// the P-SEAMLDR. The simulated host implements it; tests can too.
public protocol TDXHostAttributeSource: Sendable {
    /// The running module's version as "major.minor.update" (update zero-padded to two
    /// digits), or nil when the module is not initialized (the attribute then fails ENXIO).
    func moduleVersionText() -> String?
    /// SEAMLDR.INFO's version and remaining updates, or the call's error.
    func seamldrInfoText() -> Result<(version: String, remainingUpdates: UInt32), SysfsError>
    /// Whether the module supports TD-preserving updates (TDX_FEATURES0 bit 1) and the
    /// VMCS erratum is absent: only then are the seamldr attributes and the firmware
    /// directory visible.
    var updateInterfaceVisible: Bool { get }
}

/// The `tdx_host` faux device's attributes (spec section 5.1), with the kernel's exact
/// strings and errors.
public struct TDXHostAttributes: Sendable {
    /// The attribute file names, in the directory `sys/devices/faux/tdx_host`.
    public static let version = "version"
    /// P-SEAMLDR version (root-only in the kernel; visible only with update support).
    public static let seamldrVersion = "seamldr_version"
    /// Remaining P-SEAMLDR updates (root-only; visible only with update support).
    public static let numRemainingUpdates = "num_remaining_updates"

    let source: any TDXHostAttributeSource

    /// Creates the attributes over `source`.
    public init(source: any TDXHostAttributeSource) {
        self.source = source
    }

    /// The attribute names visible right now.
    public var visibleNames: [String] {
        source.updateInterfaceVisible
            ? [Self.version, Self.seamldrVersion, Self.numRemainingUpdates] : [Self.version]
    }

    /// Reads an attribute: "1.5.08\n", "1.0.02\n" or "15\n"; ENXIO for `version` when the
    /// module is not initialized; the SEAMLDR.INFO error for the seamldr attributes.
    public func read(_ name: String, path: String) throws(SysfsError) -> String {
        guard visibleNames.contains(name) else { throw .noSuchFile(path: path) }
        switch name {
        case Self.version:
            guard let text = source.moduleVersionText() else { throw .noSuchDeviceOrAddress(path: path) }
            return text + "\n"
        case Self.seamldrVersion:
            return try source.seamldrInfoText().get().version + "\n"
        default:
            return "\(try source.seamldrInfoText().get().remainingUpdates)\n"
        }
    }
}
