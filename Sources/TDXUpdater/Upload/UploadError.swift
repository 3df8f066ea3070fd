/// The firmware-upload core's `error` attribute after a failed upload:
/// "<status at the failure>:<error>", e.g. "transferring:firmware-invalid".
public struct UploadError: Hashable, Sendable, CustomStringConvertible {
    /// The error strings of the firmware-upload core.
    public enum Code: Hashable, Sendable, CustomStringConvertible {
        /// "hw-error": the device reported a hardware error (series v4: -EIO).
        case hardwareError
        /// "timeout".
        case timeout
        /// "user-abort": cancelled.
        case userAbort
        /// "device-busy" (series v4–v10: a CPU offline or a compatibility-sensitive
        /// operation in flight; harmless).
        case deviceBusy
        /// "invalid-file-size".
        case invalidFileSize
        /// "read-write-error" (series v4: -ENOMEM).
        case readWriteError
        /// "flash-wearout" (series v4: no remaining updates).
        case flashWearout
        /// "firmware-invalid": mainline reports every failure this way.
        case firmwareInvalid
        /// A string this tool does not know.
        case other(String)

        /// The code the kernel's text names.
        public init(text: String) {
            switch text {
            case "hw-error": self = .hardwareError
            case "timeout": self = .timeout
            case "user-abort": self = .userAbort
            case "device-busy": self = .deviceBusy
            case "invalid-file-size": self = .invalidFileSize
            case "read-write-error": self = .readWriteError
            case "flash-wearout": self = .flashWearout
            case "firmware-invalid": self = .firmwareInvalid
            default: self = .other(text)
            }
        }

        /// The kernel's text.
        public var text: String {
            switch self {
            case .hardwareError: return "hw-error"
            case .timeout: return "timeout"
            case .userAbort: return "user-abort"
            case .deviceBusy: return "device-busy"
            case .invalidFileSize: return "invalid-file-size"
            case .readWriteError: return "read-write-error"
            case .flashWearout: return "flash-wearout"
            case .firmwareInvalid: return "firmware-invalid"
            case .other(let text): return text
            }
        }

        public var description: String { text }
    }

    /// The status the upload was in when it failed.
    public let phase: UploadStatus
    /// What failed.
    public let code: Code

    /// An error from its parts.
    public init(phase: UploadStatus, code: Code) {
        self.phase = phase
        self.code = code
    }

    /// Parses the `error` attribute's text; nil for the empty text (no error).
    public init?(text: String) {
        guard !text.isEmpty else { return nil }
        if let colon = text.firstIndex(of: ":") {
            self.init(
                phase: UploadStatus(text: String(text[..<colon])),
                code: Code(text: String(text[text.index(after: colon)...])))
        } else {
            self.init(phase: .other(""), code: Code(text: text))
        }
    }

    /// The kernel's text, "transferring:firmware-invalid".
    public var text: String { "\(phase.text):\(code.text)" }

    public var description: String { text }
}
