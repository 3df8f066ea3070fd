/// An entry of an image folder the walk did not use, and why.
public struct SkippedEntry: Sendable, Hashable, CustomStringConvertible {
    /// Why an entry was passed over.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// A symbolic link: never followed (a link can lead out of the folder, to a device,
        /// to a huge file or round in a loop).
        case symbolicLink
        /// A FIFO, device or socket: never opened.
        case special(FileKind)
        /// A mount point (from the mount table): skipped without being examined, since a
        /// hung mount blocks even `stat`.
        case mountPoint
        /// A directory on another file system than the folder.
        case otherFileSystem
        /// `/proc`, `/sys` or `/dev`.
        case pseudoFileSystem
        /// A directory deeper than the walk goes.
        case tooDeep(limit: Int)
        /// It could not be examined.
        case unreadable(FileAccessError)

        /// A stable snake_case identifier.
        public var code: String {
            switch self {
            case .symbolicLink: return "symbolic_link"
            case .special(let kind): return kind.rawValue
            case .mountPoint: return "mount_point"
            case .otherFileSystem: return "other_file_system"
            case .pseudoFileSystem: return "pseudo_file_system"
            case .tooDeep: return "too_deep"
            case .unreadable: return "unreadable"
            }
        }

        public var description: String {
            switch self {
            case .symbolicLink: return "a symbolic link (links are not followed)"
            case .special(let kind): return "\(kind) (never opened)"
            case .mountPoint: return "a mount point (other file systems are not searched)"
            case .otherFileSystem: return "on another file system (not searched)"
            case .pseudoFileSystem: return "a kernel or device tree (never searched)"
            case .tooDeep(let limit): return "deeper than \(limit) folder levels (not searched)"
            case .unreadable(let error): return error.description
            }
        }
    }

    /// The entry.
    public let path: String
    /// Why it was skipped.
    public let reason: Reason

    /// A skipped entry.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// "PATH: reason".
    public var description: String { "\(path): \(reason)" }
}
