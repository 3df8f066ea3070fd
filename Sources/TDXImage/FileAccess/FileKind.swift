import SystemPackage

/// What kind of file system object a path names, as `lstat` reports it, in words an
/// operator understands ("a FIFO", "a character device").
public enum FileKind: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A regular file: the only kind an image, sigstruct or mapping file may be.
    case regular
    /// A directory.
    case directory
    /// A symbolic link (never followed inside an image folder).
    case symbolicLink = "symbolic_link"
    /// A named pipe: opening or reading it can block for ever.
    case fifo
    /// A character device (`/dev/console`, `/dev/watchdog`): opening one can act on hardware.
    case characterDevice = "character_device"
    /// A block device.
    case blockDevice = "block_device"
    /// A Unix socket.
    case socket
    /// Anything else.
    case other

    /// The kind of a `stat` result.
    init(_ type: FileType) {
        switch type {
        case .regular: self = .regular
        case .directory: self = .directory
        case .symbolicLink: self = .symbolicLink
        case .fifo: self = .fifo
        case .characterSpecial: self = .characterDevice
        case .blockSpecial: self = .blockDevice
        case .socket: self = .socket
        default: self = .other
        }
    }

    /// "a regular file", "a FIFO", ...
    public var description: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .symbolicLink: return "a symbolic link"
        case .fifo: return "a FIFO"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .socket: return "a socket"
        case .other: return "not a regular file"
        }
    }
}
