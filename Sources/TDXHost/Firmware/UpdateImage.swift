/// A module version "major.minor.update", ordered, printed as the kernel prints it
/// (update zero-padded to two digits: "1.5.08").
public struct ModuleVersion: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Major version (1 for 1.5.x).
    public var major: Int
    /// Minor version (5 for 1.5.x).
    public var minor: Int
    /// Update version (8 for 1.5.08).
    public var update: Int

    /// Creates a version.
    public init(major: Int, minor: Int, update: Int) {
        self.major = major
        self.minor = minor
        self.update = update
    }

    /// Parses "1.5.08" or "1.5.8"; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let major = Int(parts[0]), let minor = Int(parts[1]),
            let update = Int(parts[2]), major >= 0, minor >= 0, update >= 0,
            major <= 0xFFFF, minor <= 0xFFFF, update <= 0xFFFF
        else { return nil }
        self.init(major: major, minor: minor, update: update)
    }

    public static func < (lhs: ModuleVersion, rhs: ModuleVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.update) < (rhs.major, rhs.minor, rhs.update)
    }

    /// "1.5.08".
    public var description: String {
        "\(major).\(minor)." + (update < 10 ? "0\(update)" : "\(update)")
    }
}

/// What the host needs to know about an image it is asked to install, taken from the
/// image's sigstruct and its verification.
public struct UpdateImage: Sendable {
    /// The image file as uploaded.
    public var bytes: [UInt8]
    /// The module version the image carries.
    public var version: ModuleVersion
    /// The CPUID.1.EAX values (family/model/stepping) the image is built for.
    public var cpuidTable: [UInt32]
    /// The handoff version the module produces and consumes natively.
    public var moduleHV: UInt16
    /// The oldest handoff version the module still consumes.
    public var minUpdateHV: UInt16
    /// Whether the module forbids producing older handoff versions.
    public var noDowngrade: Bool
    /// The oldest P-SEAMLDR version this image needs, when known.
    public var minimumSeamldrVersion: ModuleVersion?
    /// SHA-256 of the signing key's modulus (hex), to decide whether the key is trusted.
    public var keyFingerprint: String
    /// Whether the signing key is one the host trusts.
    public var trusted: Bool
    /// The failed verification checks (checksum, signature, module hash); empty when valid.
    public var verificationFailures: [String]

    /// Creates a description of an image.
    public init(
        bytes: [UInt8], version: ModuleVersion, cpuidTable: [UInt32], moduleHV: UInt16,
        minUpdateHV: UInt16, noDowngrade: Bool, minimumSeamldrVersion: ModuleVersion? = nil,
        keyFingerprint: String, trusted: Bool, verificationFailures: [String] = []
    ) {
        self.bytes = bytes
        self.version = version
        self.cpuidTable = cpuidTable
        self.moduleHV = moduleHV
        self.minUpdateHV = minUpdateHV
        self.noDowngrade = noDowngrade
        self.minimumSeamldrVersion = minimumSeamldrVersion
        self.keyFingerprint = keyFingerprint
        self.trusted = trusted
        self.verificationFailures = verificationFailures
    }
}
