import Crypto
import Synchronization
import SystemSupport
import TDXImage

/// P-SEAMLDR's cryptography: key trust, RSA-3072 signature (TDXImage's ``SignatureCheck``), SHA-384 of the
/// module pages. Results are cached, so 256 LPs installing one image cost one verification.
final class ImageVerifier: Sendable {
    private struct Identity: Hashable {
        var sigstruct: [UInt8]
        var modulePages: [UInt64]
        var generation: UInt64
    }

    let trust: TrustPolicy
    let verification: SeamldrPolicy.Verification
    private let cache = ThreadLocked<[Identity: ImageFacts]>([:])
    private let verifications = Atomic<Int>(0)

    init(trust: TrustPolicy, verification: SeamldrPolicy.Verification) {
        self.trust = trust
        self.verification = verification
    }

    /// How many full verifications ran (cache misses).
    var verificationCount: Int { verifications.load(ordering: .relaxed) }

    func facts(for manifest: ModuleManifest, modulePages: [UInt64], memory: PhysicalMemory) -> ImageFacts {
        let keyTrusted = trust.key(for: manifest.sigstruct.keyFingerprint) != nil
        if verification == .skipCryptography {
            return ImageFacts(keyTrusted: keyTrusted, signatureFailure: nil, moduleHashMatches: true)
        }
        let identity = Identity(
            sigstruct: manifest.sigstruct.bytes, modulePages: modulePages, generation: memory.generation)
        if let cached = cache.withLock({ $0[identity] }) { return cached }
        verifications.add(1, ordering: .relaxed)
        let signatureFailure = SignatureCheck.failure(of: manifest.sigstruct).map(\.description)
        var hasher = SHA384()
        for address in modulePages {
            hasher.update(data: memory.page(at: address) ?? [])
        }
        let facts = ImageFacts(
            keyTrusted: keyTrusted, signatureFailure: signatureFailure,
            moduleHashMatches: Array(hasher.finalize()) == manifest.seamHash)
        cache.withLock { cache in
            if cache.count > 64 { cache.removeAll() }
            cache[identity] = facts
        }
        return facts
    }
}
