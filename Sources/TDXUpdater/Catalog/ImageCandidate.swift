import TDXImage

/// One module image found on disk, with what could be learned about it: a summary of the
/// parsed image (not its bytes), its facts, its verification, its release metadata, and
/// any contradiction between its version label and its signed facts. Any part may be
/// missing, with the reason why.
public struct ImageCandidate: Sendable {
    /// How the image is stored.
    public enum Origin: Hashable, Sendable {
        /// One file: a v1 blob or a v2 image.
        case file
        /// A module `.bin` with its `.sigstruct` beside it (joined into a v2 image here).
        case pair(sigstructPath: String)
        /// Bytes already in memory (the simulator's built-in images); ``ImageCandidate/path``
        /// only names them.
        case inMemory([UInt8])
    }

    /// Where the image was found (the image file, or the `.bin` of a pair).
    public let path: String
    /// How the image is stored.
    public let origin: Origin
    /// The parsed image's summary (a pair as joined into v2), nil when unreadable.
    public let summary: ImageSummary?
    /// The facts the selection needs, nil when unreadable or the version is unknown.
    public let facts: ImageFacts?
    /// Why the image could not be used at all, nil when it could.
    public let loadProblem: ImageLoadProblem?
    /// The result of verifying the image, nil when it could not be parsed.
    public let verification: VerificationReport?
    /// The release metadata for the image's version, nil when the mapping lacks it.
    public let release: ModuleRelease?
    /// Where the image's version label contradicts its signed SVN and date (empty when
    /// nothing does).
    public let claimConflicts: [VersionClaimConflict]

    /// A candidate from its parts.
    public init(
        path: String, origin: Origin = .file, summary: ImageSummary?, facts: ImageFacts?,
        loadProblem: ImageLoadProblem?, verification: VerificationReport?, release: ModuleRelease?,
        claimConflicts: [VersionClaimConflict] = []
    ) {
        self.path = path
        self.origin = origin
        self.summary = summary
        self.facts = facts
        self.loadProblem = loadProblem
        self.verification = verification
        self.release = release
        self.claimConflicts = claimConflicts
    }

    /// The format the image is stored in (a pair counts as v2, the form it is joined into);
    /// nil when unreadable.
    public var format: ImageFormat? { summary?.format }

    /// "v1 blob", "v2 image" or "bin+sigstruct".
    public var kind: String {
        switch (origin, summary?.format) {
        case (.pair, _): return "bin+sigstruct"
        case (_, .v1?): return "v1 blob"
        case (_, .v2?): return "v2 image"
        case (_, nil): return "unreadable"
        }
    }

    /// Reads the image again (bounded, as when listed) and checks that it is exactly what
    /// was listed: the same length and SHA-384. The upload uses only these bytes.
    public func reload() throws(ImageReloadError) -> ModuleImage {
        guard let summary else { throw .notLoaded(path: path) }
        let image: ModuleImage
        do {
            image = try ImageCatalog.load(path: path, origin: origin)
        } catch {
            throw .unreadable(error)
        }
        guard summary.matches(image) else {
            throw .changed(path: path, listedLength: summary.length, length: image.length)
        }
        return image
    }

    /// The same candidate with `conflicts` as its claim conflicts.
    func with(claimConflicts conflicts: [VersionClaimConflict]) -> ImageCandidate {
        ImageCandidate(
            path: path, origin: origin, summary: summary, facts: facts, loadProblem: loadProblem,
            verification: verification, release: release, claimConflicts: conflicts)
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
