import SystemPackage

/// What a path of a host's kernel interface is, for a listing or a mount: a file or a
/// directory, with the mode the kernel gives it.
public struct HostFileEntry: Hashable, Sendable {
    /// File or directory.
    public enum Kind: Hashable, Sendable {
        /// A regular file (a sysfs attribute, a procfs file).
        case file
        /// A directory.
        case directory
    }

    /// File or directory.
    public let kind: Kind
    /// The mode bits (0444 for `version`, 0400 for the root-only P-SEAMLDR attributes...).
    public let permissions: FilePermissions

    /// An entry from its parts.
    public init(kind: Kind, permissions: FilePermissions) {
        self.kind = kind
        self.permissions = permissions
    }

    /// A directory, 0755.
    public static let directory = HostFileEntry(
        kind: .directory, permissions: [.ownerReadWriteExecute, .groupReadExecute, .otherReadExecute])
    /// A file everyone may read, 0444.
    public static let readOnlyFile = HostFileEntry(kind: .file, permissions: [.ownerRead, .groupRead, .otherRead])
}
