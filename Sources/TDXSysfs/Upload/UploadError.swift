/// The firmware-upload core's error strings (the kernel's `enum fw_upload_err`): what a
/// driver op returns and what the `error` attribute prints after the colon.
public enum UploadError: Error, Hashable, Sendable, CustomStringConvertible {
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
    /// "read-write-error" (series v4: -ENOMEM; also a driver write that made no progress).
    case readWriteError
    /// "flash-wearout" (series v4: no remaining updates).
    case flashWearout
    /// "firmware-invalid": Linux 7.2's TDX driver reports every failure this way.
    case firmwareInvalid
    /// A string this tool does not know.
    case other(String)

    /// The strings the kernel prints.
    public static let known: [UploadError] = [
        .hardwareError, .timeout, .userAbort, .deviceBusy, .invalidFileSize, .readWriteError, .flashWearout,
        .firmwareInvalid,
    ]

    /// The error the kernel's text names.
    public init(text: String) {
        self = Self.known.first { $0.text == text } ?? .other(text)
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

    public var description: String { ShownText.clean(text) }
}
