/// One check `update` made and passed before the upload, as a value: what was checked
/// (`kind`, a stable code) and what was found (`message`, for people).
public struct UpdateCheck: Hashable, Sendable, Encodable {
    /// What a check is about.
    public enum Kind: String, Hashable, Sendable, CaseIterable, Encodable {
        /// A module runs and the kernel offers updates (which interface generation).
        case moduleRunning = "module_running"
        /// The image's checksum, signature and module hash are valid, its key trusted.
        case imageVerified = "image_verified"
        /// Every CPU is in the image's CPUID table and the P-SEAMLDR accepts it.
        case compatible
        /// The release can replace the running module without losing TDs.
        case tdPreserving = "td_preserving"
        /// A newer image is also eligible (a note on a named version).
        case newerAvailable = "newer_available"
        /// The firmware-upload files are all there and idle.
        case uploadInterface = "upload_interface"
        /// P-SEAMLDR can take another update.
        case remainingUpdates = "remaining_updates"
        /// Every present CPU is online.
        case cpusOnline = "cpus_online"
        /// The image was converted to the format the kernel takes and verified again.
        case converted
    }

    /// What was checked.
    public let kind: Kind
    /// What was found, in words.
    public let message: String

    /// A passed check.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case kind = "check"
        case message
    }
}
