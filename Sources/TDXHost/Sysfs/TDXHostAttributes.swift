import SystemPackage
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

/// The `tdx_host` faux device's attributes, with Linux 7.2's strings, errors and modes.
public struct TDXHostAttributes: Sendable {
    /// One attribute of the device.
    public enum Attribute: Sendable, CaseIterable {
        /// The running module's version, 0444.
        case version
        /// The P-SEAMLDR version, 0400 (root-only); visible only with update support.
        case seamldrVersion
        /// Updates P-SEAMLDR can still take, 0400; visible only with update support.
        case remainingUpdates

        /// The attribute's mode, as tdx-host.c declares it.
        public var permissions: FilePermissions {
            self == .version ? [.ownerRead, .groupRead, .otherRead] : [.ownerRead]
        }
    }

    let source: any TDXHostAttributeSource

    /// Creates the attributes over `source`.
    public init(source: any TDXHostAttributeSource) {
        self.source = source
    }

    /// The attributes visible right now.
    public var visible: [Attribute] {
        source.updateInterfaceVisible ? Attribute.allCases : [.version]
    }

    /// Reads an attribute: "1.5.08\n", "1.0.02\n" or "15\n"; ENXIO for `version` when the
    /// module is not initialized; the SEAMLDR.INFO error for the seamldr attributes.
    public func read(_ attribute: Attribute, path: String) throws(HostFileError) -> String {
        guard visible.contains(attribute) else { throw HostFileError(path: path, errno: .noSuchFileOrDirectory) }
        switch attribute {
        case .version:
            guard let text = source.moduleVersionText() else {
                throw HostFileError(
                    path: path, errno: .noSuchAddressOrDevice,
                    detail: "the TDX module is not initialized (TDs are lost; reboot to recover)")
            }
            return text + "\n"
        case .seamldrVersion:
            do { return try source.seamldrInfoText().get().version + "\n" } catch { throw error.at(path) }
        case .remainingUpdates:
            do { return "\(try source.seamldrInfoText().get().remainingUpdates)\n" } catch { throw error.at(path) }
        }
    }
}
