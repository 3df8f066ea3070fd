/// The firmware-upload core's `status` attribute: where an upload is. The kernel writes
/// the five known strings; a reader keeps any other as ``other(_:)``.
public enum UploadStatus: Hashable, Sendable, CustomStringConvertible {
    /// No upload in progress (also: the last one has finished); `error` is readable.
    case idle
    /// `loading` went 1 -> 0; the worker is queued.
    case receiving
    /// The worker runs the driver's `prepare`.
    case preparing
    /// The worker runs the driver's `write`; for TDX the whole update runs here.
    case transferring
    /// The worker runs the driver's `poll_complete`.
    case programming
    /// A string this tool does not know.
    case other(String)

    /// The statuses the kernel writes, in the order an upload passes them.
    public static let known: [UploadStatus] = [.idle, .receiving, .preparing, .transferring, .programming]

    /// The status the kernel's text names.
    public init(text: String) {
        self = Self.known.first { $0.text == text } ?? .other(text)
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

    public var description: String { ShownText.clean(text) }
}
