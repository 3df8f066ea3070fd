/// What one image says it is (a version, from its file name or its sigstruct) beside what
/// its signed sigstruct vouches for (SEAM SVN, build date, and, for Intel's key, which
/// published release it is).
public struct VersionClaim: Sendable, Hashable {
    /// Where the claimed version comes from.
    public enum Source: String, Sendable, Hashable {
        /// A `tdx_module_X.Y.Z` file name.
        case fileName = "file_name"
        /// The version recorded in the sigstruct (2.0 releases, project fixtures).
        case sigstruct
    }

    /// The image (the `.bin` of a pair).
    public let path: String
    /// The version the image is labelled with.
    public let version: ModuleVersion
    /// Where ``version`` comes from.
    public let source: Source
    /// The version the sigstruct records, nil when its bytes are zero (1.5 releases).
    public let recordedVersion: ModuleVersion?
    /// `seamsvn` as signed.
    public let svn: UInt16
    /// The signed build date.
    public let date: BCDDate
    /// SHA-384 of the 2048-byte sigstruct.
    public let sigstructSHA384: [UInt8]
    /// The signature is valid under Intel's production key.
    public let intelSigned: Bool

    /// A claim from its parts.
    public init(
        path: String, version: ModuleVersion, source: Source, recordedVersion: ModuleVersion?, svn: UInt16,
        date: BCDDate, sigstructSHA384: [UInt8], intelSigned: Bool
    ) {
        self.path = path
        self.version = version
        self.source = source
        self.recordedVersion = recordedVersion
        self.svn = svn
        self.date = date
        self.sigstructSHA384 = sigstructSHA384
        self.intelSigned = intelSigned
    }

    /// The claim an image at `path` makes: its version from the `tdx_module_X.Y.Z` name when
    /// there is one, else from its sigstruct; nil when it names no version at all.
    /// - Parameter signatureValid: whether the sigstruct's signature verified (only then
    ///   does Intel's key in it vouch for anything).
    public init?(path: String, sigstruct: SigStruct, signatureValid: Bool) {
        let named = ModuleVersion(fileName: lastPathComponent(path))
        guard let version = named ?? sigstruct.embeddedVersion else { return nil }
        self.init(
            path: path, version: version, source: named != nil ? .fileName : .sigstruct,
            recordedVersion: sigstruct.embeddedVersion, svn: sigstruct.svn, date: sigstruct.date,
            sigstructSHA384: sigstruct.bytes.withUnsafeBytes { sha384($0) },
            intelSigned: signatureValid && sigstruct.keyFingerprint == .intelProduction)
    }

    /// The published release this image is, byte for byte in its signed sigstruct; nil for
    /// any image not signed by Intel or not in ``PublishedReleases``.
    public var publishedIdentity: PublishedRelease? {
        intelSigned ? PublishedReleases.release(sigstructSHA384: sigstructSHA384) : nil
    }

    /// The claim is Intel's published release of exactly the version it claims.
    public var confirmed: Bool { publishedIdentity?.version == version }

    /// The signed facts, for messages.
    var facts: ClaimedFacts { ClaimedFacts(version: version, svn: svn, date: date, origin: .image(path)) }
}

/// The last component of a `/`-separated path.
func lastPathComponent(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
}
