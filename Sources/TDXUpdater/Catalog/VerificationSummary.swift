/// The outcome of verifying an image offline, each check kept apart so a report names the
/// one that failed.
public struct VerificationSummary: Hashable, Sendable {
    /// The 16-bit word checksum of the whole image is 0.
    public let checksumValid: Bool
    /// The RSA-3072 PKCS#1 v1.5 SHA-384 signature over the sigstruct verifies.
    public let signatureValid: Bool
    /// The SHA-384 of the module equals the sigstruct's seamhash.
    public let moduleHashValid: Bool
    /// The signing key is one the caller trusts.
    public let trusted: Bool
    /// SHA-256 of the signing key's modulus as stored, lowercase hex.
    public let keyFingerprint: String

    /// A summary from its checks.
    public init(checksumValid: Bool, signatureValid: Bool, moduleHashValid: Bool, trusted: Bool, keyFingerprint: String) {
        self.checksumValid = checksumValid
        self.signatureValid = signatureValid
        self.moduleHashValid = moduleHashValid
        self.trusted = trusted
        self.keyFingerprint = keyFingerprint
    }

    /// Whether every check passed.
    public var passed: Bool { checksumValid && signatureValid && moduleHashValid && trusted }

    /// The failed checks, in words ("signature invalid", "key ... not trusted").
    public var failures: [String] {
        var failures: [String] = []
        if !checksumValid { failures.append("checksum invalid (16-bit word sum is not 0)") }
        if !signatureValid { failures.append("signature invalid (RSA-3072 PKCS#1 v1.5 SHA-384 over the sigstruct)") }
        if !moduleHashValid { failures.append("module hash does not match the sigstruct's seamhash") }
        if !trusted { failures.append("signing key \(keyFingerprint) is not trusted (see --trust)") }
        return failures
    }
}
