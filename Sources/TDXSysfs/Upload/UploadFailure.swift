/// The firmware-upload `error` attribute after a failed upload: the status the upload was
/// in and the error, printed "<status>:<error>", e.g. "transferring:firmware-invalid".
public struct UploadFailure: Hashable, Sendable, CustomStringConvertible {
    /// The status the upload was in when it failed.
    public let phase: UploadStatus
    /// What failed.
    public let error: UploadError

    /// A failure from its parts.
    public init(phase: UploadStatus, error: UploadError) {
        self.phase = phase
        self.error = error
    }

    /// Parses the attribute's text (without its newline); nil for the empty text (no error).
    public init?(text: String) {
        guard !text.isEmpty else { return nil }
        if let colon = text.firstIndex(of: ":") {
            self.init(
                phase: UploadStatus(text: String(text[..<colon])),
                error: UploadError(text: String(text[text.index(after: colon)...])))
        } else {
            self.init(phase: .other(""), error: UploadError(text: text))
        }
    }

    /// The kernel's text, "transferring:firmware-invalid".
    public var text: String { "\(phase.text):\(error.text)" }

    public var description: String { ShownText.clean(text) }
}
