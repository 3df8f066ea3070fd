/// The outcome of verifying an image: every check reported on its own, so an operator sees
/// exactly what is wrong (a corrupted download, a tampered sigstruct, a foreign key).
public struct VerificationReport: Sendable, Equatable {
    /// The image's word sum is zero.
    public let checksumValid: Bool
    /// The word sum actually found (0 when valid).
    public let wordSum: UInt16
    /// The signature verifies under the sigstruct's key.
    public let signatureValid: Bool
    /// Why the signature failed, when it did.
    public let signatureFailure: SignatureCheck.Failure?
    /// SHA-384 of the module equals seamhash.
    public let moduleHashValid: Bool
    /// The SHA-384 computed over the module.
    public let moduleHash: [UInt8]
    /// Fingerprint of the signing key.
    public let keyFingerprint: KeyFingerprint
    /// The trusted key that matched, or nil when the key is not trusted.
    public let trustedKey: TrustedKey?

    /// The signing key is trusted by the policy (independent of the signature's validity).
    public var trusted: Bool { trustedKey != nil }

    /// The checks that failed, in the order of ``VerificationCheck/allCases``.
    public var failedChecks: [VerificationCheck] {
        VerificationCheck.allCases.filter { !passed($0) }
    }

    /// True only when every check passed: the image is intact, signed, and by a trusted key.
    public var allPassed: Bool { failedChecks.isEmpty }

    /// Whether one check passed.
    public func passed(_ check: VerificationCheck) -> Bool {
        switch check {
        case .checksum: return checksumValid
        case .signature: return signatureValid
        case .moduleHash: return moduleHashValid
        case .trust: return trusted
        }
    }
}
