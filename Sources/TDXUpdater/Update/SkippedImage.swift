import TDXImage

/// An image `update` passed over, with the first reason why (for refusal messages).
public struct SkippedImage: Hashable, Sendable {
    /// The image's version, when known.
    public let version: ModuleVersion?
    /// Where it is.
    public let path: String
    /// Why it was not chosen.
    public let reason: String

    /// A skipped image from its parts.
    public init(version: ModuleVersion?, path: String, reason: String) {
        self.version = version
        self.path = path
        self.reason = reason
    }
}
