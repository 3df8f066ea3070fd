/// A signing key that an operator trusts, named for reports.
public struct TrustedKey: Sendable, Hashable {
    /// A short name for reports ("intel", "test", or the fingerprint).
    public let name: String
    /// The key's fingerprint (SHA-256 of the modulus bytes as stored).
    public let fingerprint: KeyFingerprint

    /// Creates a trusted key entry.
    public init(name: String, fingerprint: KeyFingerprint) {
        self.name = name
        self.fingerprint = fingerprint
    }

    /// Intel's production key.
    public static let intel = TrustedKey(name: "intel", fingerprint: .intelProduction)
    /// This project's test key.
    public static let test = TrustedKey(name: "test", fingerprint: .projectTestKey)
}
