import Crypto
import _CryptoExtras

/// Checks a sigstruct's RSA-3072 PKCS#1 v1.5 SHA-384 signature with the public key the
/// sigstruct itself carries, over the signed header [0, 0x80) and body [0x384, 0x800).
/// Modulus and signature are stored little-endian and are reversed for the RSA library.
public enum SignatureCheck {
    /// Why a signature did not verify.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The stored modulus/exponent do not form a usable RSA-3072 public key.
        case unusableKey(String)
        /// The signature does not match the signed bytes under the stored key.
        case mismatch

        /// A short explanation.
        public var description: String {
            switch self {
            case .unusableKey(let reason): return "the sigstruct's public key is unusable: \(reason)"
            case .mismatch: return "the signature does not match the signed sigstruct bytes"
            }
        }
    }

    /// The SHA-384 digest that the signature covers.
    public static func signedDigest(of sigstruct: [UInt8]) -> SHA384.Digest {
        var hasher = SHA384()
        sigstruct.withUnsafeBytes { buffer in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[SigStructLayout.signedHeader]))
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[SigStructLayout.signedBody]))
        }
        return hasher.finalize()
    }

    /// The public key stored in a sigstruct, as the RSA library wants it.
    /// - Throws: ``Failure/unusableKey(_:)`` when it is not a 3072-bit RSA key.
    public static func publicKey(of sigstruct: SigStruct) throws(Failure) -> _RSA.Signing.PublicKey {
        let modulus = Array(sigstruct.modulusAsStored.reversed())
        let exponent = sigstruct.exponent
        let exponentBytes = (0..<4).reversed().map { UInt8(truncatingIfNeeded: exponent >> (8 * $0)) }
        let key: _RSA.Signing.PublicKey
        do {
            key = try _RSA.Signing.PublicKey(n: modulus, e: exponentBytes)
        } catch {
            throw .unusableKey("\(error)")
        }
        guard key.keySizeInBits == 3072 else {
            throw .unusableKey("\(key.keySizeInBits)-bit modulus, expected 3072")
        }
        return key
    }

    /// Verifies the sigstruct's signature with its own key.
    /// - Returns: nil when valid, else why not.
    public static func failure(of sigstruct: SigStruct) -> Failure? {
        let key: _RSA.Signing.PublicKey
        do {
            key = try publicKey(of: sigstruct)
        } catch {
            return error
        }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: Array(sigstruct.signatureAsStored.reversed()))
        let valid = key.isValidSignature(
            signature, for: signedDigest(of: sigstruct.bytes), padding: .insecurePKCS1v1_5)
        return valid ? nil : .mismatch
    }
}

/// SHA-384 of a byte range, without copying it.
func sha384(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
    var hasher = SHA384()
    hasher.update(bufferPointer: buffer)
    return Array(hasher.finalize())
}
