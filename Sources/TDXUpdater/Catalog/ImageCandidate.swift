import TDXImage

import TDXImage

/// One module image found on disk, with what could be learned about it: its facts, its
/// verification, and its release metadata. Any part may be missing, with the reason why.
public struct ImageCandidate: Sendable {
    /// Where the image was found (the blob, v2 image, or the `.bin` of a `.bin` +
    /// `.sigstruct` pair).
    public let path: String
    /// The format the image is stored in.
    public let format: ImageFormat
    /// The image bytes in the format a kernel of that generation takes (for a `.bin` +
    /// `.sigstruct` pair: a v2 image built from them); nil when unreadable.
    public let bytes: [UInt8]?
    /// The facts, nil when the image could not be parsed.
    public let facts: ImageFacts?
    /// Why the image could not be read or parsed, nil when it could.
    public let loadProblem: String?
    /// The result of verifying the image, nil when it could not be parsed.
    public let verification: VerificationSummary?
    /// The release metadata for the image's version, nil when the mapping lacks it.
    public let release: ModuleRelease?

    /// A candidate from its parts.
    public init(
        path: String, format: ImageFormat, bytes: [UInt8]?, facts: ImageFacts?, loadProblem: String?,
        verification: VerificationSummary?, release: ModuleRelease?
    ) {
        self.path = path
        self.format = format
        self.bytes = bytes
        self.facts = facts
        self.loadProblem = loadProblem
        self.verification = verification
        self.release = release
    }
}
