/// The firmware-upload core's `status` attribute: where an upload is.
public enum UploadStatus: Hashable, Sendable, CustomStringConvertible {
    /// No upload in progress (also: the last one has finished).
    case idle
    /// The image is being written to `data`.
    case receiving
    /// The driver's prepare step.
    case preparing
    /// The driver's write step; for TDX the whole update runs here.
    case transferring
    /// The driver's poll-complete step.
    case programming
    /// A string this tool does not know.
    case other(String)

    /// The status the kernel's text names.
    public init(text: String) {
        switch text {
        case "idle": self = .idle
        case "receiving": self = .receiving
        case "preparing": self = .preparing
        case "transferring": self = .transferring
        case "programming": self = .programming
        default: self = .other(text)
        }
    }

    /// The kernel's text for this status.
    public var text: String {
        switch self {
        case .idle: return "idle"
        case .receiving: return "receiving"
        case .preparing: return "preparing"
        case .transferring: return "transferring"
        case .programming: return "programming"
        case .other(let text): return text
        }
    }

    public var description: String { text }
}
