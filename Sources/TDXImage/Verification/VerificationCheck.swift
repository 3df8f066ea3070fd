/// One of the independent checks ``ModuleImage/verify(trusting:)`` makes.
public enum VerificationCheck: String, Sendable, Codable, CaseIterable {
    /// The 16-bit word sum of the whole image is zero.
    case checksum
    /// The sigstruct's RSA signature is valid under the key it carries.
    case signature
    /// The module's SHA-384 equals the sigstruct's seamhash.
    case moduleHash = "module_hash"
    /// The signing key is one the policy trusts.
    case trust
}
