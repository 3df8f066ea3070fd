import TDXSysfs

/// What the `tdx_host` device's attributes read from: the kernel's cached module state and
/// the P-SEAMLDR. The simulated kernel implements it; tests can too.
public protocol TDXHostAttributeSource: Sendable {
    /// The running module's version as "major.minor.update" (update zero-padded to two
    /// digits), or nil when the module is not initialized (the attribute then fails ENXIO).
    func moduleVersionText() -> String?
    /// SEAMLDR.INFO's version and remaining updates, or the errno the kernel returns for
    /// the failed call (EIO; EACCES for a SEAMCALL #UD) with words about it.
    func seamldrInfoText() -> Result<(version: String, remainingUpdates: UInt32), HostFileError>
    /// Whether the module supports TD-preserving updates (TDX_FEATURES0 bit 1) and the
    /// VMCS erratum is absent: only then are the seamldr attributes and the firmware
    /// directory visible.
    var updateInterfaceVisible: Bool { get }
}
