import TDXImage

/// One module image found on disk, with what could be learned about it: the parsed image,
/// its facts, its verification and its release metadata. Any part may be missing, with
/// the reason why.
public struct ImageCandidate: Sendable {
    /// How the image is stored.
    public enum Origin: Hashable, Sendable {
        /// One file: a v1 blob or a v2 image.
        case file
        /// A module `.bin` with its `.sigstruct` beside it (joined into a v2 image here).
        case pair(sigstructPath: String)
    }

    /// Where the image was found (the image file, or the `.bin` of a pair).
    public let path: String
    /// How the image is stored.
    public let origin: Origin
    /// The parsed image (a pair is joined into v2), nil when unreadable.
    public let image: ModuleImage?
    /// The facts the selection needs, nil when unreadable or the version is unknown.
    public let facts: ImageFacts?
    /// Why the image could not be used at all, nil when it could.
    public let loadProblem: String?
    /// The result of verifying the image, nil when it could not be parsed.
    public let verification: VerificationReport?
    /// The release metadata for the image's version, nil when the mapping lacks it.
    public let release: ModuleRelease?

    /// A candidate from its parts.
    public init(
        path: String, origin: Origin = .file, image: ModuleImage?, facts: ImageFacts?, loadProblem: String?,
        verification: VerificationReport?, release: ModuleRelease?
    ) {
        self.path = path
        self.origin = origin
        self.image = image
        self.facts = facts
        self.loadProblem = loadProblem
        self.verification = verification
        self.release = release
    }

    /// The format the image is stored in (a pair counts as v2, the form it is joined into);
    /// nil when unreadable.
    public var format: ImageFormat? { image?.format }

    /// "v1 blob", "v2 image" or "bin+sigstruct".
    public var kind: String {
        switch (origin, image?.format) {
        case (.pair, _): return "bin+sigstruct"
        case (.file, .v1?): return "v1 blob"
        case (.file, .v2?): return "v2 image"
        case (.file, nil): return "unreadable"
        }
    }
}

extension VerificationReport {
    /// Each failed check in words, for reports.
    public var failureDescriptions: [String] {
        failedChecks.map { check in
            switch check {
            case .checksum:
                return "checksum invalid (16-bit word sum is 0x\(String(wordSum, radix: 16)), not 0)"
            case .signature:
                return "signature invalid (\(signatureFailure.map { "\($0)" } ?? "RSA-3072 PKCS#1 v1.5 SHA-384"))"
            case .moduleHash:
                return "module hash does not match the sigstruct's seamhash"
            case .trust:
                return "signing key \(keyFingerprint.hex) is not trusted (see --trust)"
            }
        }
    }
}
