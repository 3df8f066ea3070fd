import SystemPackage
import TDXSysfs

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
