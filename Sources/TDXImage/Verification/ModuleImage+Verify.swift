import Crypto

extension ModuleImage {
    /// Verifies the image: checksum, signature, module hash and key trust, each separately.
    ///
    /// Cost: one pass over the image for the checksum, one SHA-384 over the module, one
    /// SHA-384 over 1.4 KiB of sigstruct and one RSA-3072 verification; no copies of the module.
    /// - Parameter policy: the keys to trust (Intel's production key by default).
    public func verify(trusting policy: TrustPolicy = .intel) -> VerificationReport {
        let wordSum = ImageChecksum.wordSum(of: bytes)
        let moduleHash = bytes.withUnsafeBytes { buffer in
            sha384(UnsafeRawBufferPointer(rebasing: buffer[moduleRange]))
        }
        let signatureFailure = SignatureCheck.failure(of: sigstruct)
        let fingerprint = sigstruct.keyFingerprint
        return VerificationReport(
            checksumValid: wordSum == 0,
            wordSum: wordSum,
            signatureValid: signatureFailure == nil,
            signatureFailure: signatureFailure,
            moduleHashValid: moduleHash[...] == sigstruct.seamHash,
            moduleHash: moduleHash,
            keyFingerprint: fingerprint,
            trustedKey: policy.key(for: fingerprint))
    }
}
