import Crypto
import _CryptoExtras

/// Signs sigstructs and makes complete, valid images with an RSA-3072 key: by default this
/// project's test key (``ProjectTestKey``), so tests and the simulator can produce images of
/// any version, CPU list and handoff version that verify under ``TrustPolicy/test``.
public struct TestImageSigner: Sendable {
    private let privateKey: _RSA.Signing.PrivateKey
    /// The key's modulus as a sigstruct stores it (little-endian, 384 bytes).
    public let modulusAsStored: [UInt8]
    /// The key's fingerprint.
    public let keyFingerprint: KeyFingerprint

    /// A signer with the project's test key.
    public init() {
        // The embedded key is a constant of this module; failing to load it is a build defect.
        do {
            try self.init(privateKeyPEM: ProjectTestKey.privateKeyPEM)
        } catch {
            fatalError("the embedded project test key does not load: \(error)")
        }
    }

    /// A signer with another RSA-3072 private key (PEM, PKCS#1 or PKCS#8), e = 65537.
    /// - Throws: ``ImageError/keyUnusable(_:)`` when it is not such a key.
    public init(privateKeyPEM: String) throws(ImageError) {
        let key: _RSA.Signing.PrivateKey
        let primitives: _RSA.Signing.PublicKey.Primitives
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
            primitives = try key.publicKey.getKeyPrimitives()
        } catch {
            throw .keyUnusable("cannot read the PEM private key: \(error)")
        }
        guard key.keySizeInBits == 3072 else {
            throw .keyUnusable("\(key.keySizeInBits)-bit key, a sigstruct holds RSA-3072")
        }
        guard Array(primitives.publicExponent).drop(while: { $0 == 0 }) == [0x01, 0x00, 0x01] else {
            throw .keyUnusable("public exponent must be 65537")
        }
        let modulus = Array(primitives.modulus.drop(while: { $0 == 0 }))
        guard modulus.count == 384 else {
            throw .keyUnusable("modulus is \(modulus.count) bytes, expected 384")
        }
        privateKey = key
        modulusAsStored = modulus.reversed()
        keyFingerprint = KeyFingerprint(modulusAsStored: modulusAsStored)
    }

    /// A signer with a freshly generated RSA-3072 key: a "foreign" signer whose images verify
    /// but are not trusted by ``TrustPolicy/intel`` or ``TrustPolicy/test``.
    public static func withNewKey() throws(ImageError) -> TestImageSigner {
        let pem: String
        do {
            pem = try _RSA.Signing.PrivateKey(keySize: .bits3072).pemRepresentation
        } catch {
            throw .keyUnusable("RSA key generation failed: \(error)")
        }
        return try TestImageSigner(privateKeyPEM: pem)
    }

    /// Signs a sigstruct for `module`: computes seamhash, fills in the key and the signature.
    /// - Throws: ``ImageError`` when a field does not fit or signing fails.
    public func sign(_ fields: SigStructFields, module: some Collection<UInt8>) throws(ImageError) -> SigStruct {
        let seamHash = Array(module).withUnsafeBytes { sha384($0) }
        var bytes = try fields.unsignedBytes(seamHash: seamHash)
        bytes.writeBytes(modulusAsStored, at: SigStructLayout.modulus.lowerBound)
        bytes.writeLE32(65537, at: SigStructLayout.exponent)
        let signature: [UInt8]
        do {
            let raw = try privateKey.signature(
                for: SignatureCheck.signedDigest(of: bytes), padding: .insecurePKCS1v1_5
            ).rawRepresentation
            signature = [UInt8](repeating: 0, count: max(0, 384 - raw.count)) + Array(raw)
        } catch {
            throw .keyUnusable("RSA signing failed: \(error)")
        }
        bytes.writeBytes(signature.reversed(), at: SigStructLayout.signature.lowerBound)
        return try SigStruct(parsing: bytes)
    }

    /// Makes a complete signed image.
    /// - Parameters:
    ///   - version: recorded in the sigstruct (so ``ModuleImage/version(fileName:)`` finds it)
    ///     and mixed into the generated module bytes, so each version hashes differently.
    ///   - svn: `seamsvn` (nil: major SVN 1, minor SVN = the update number, as 1.5 releases).
    ///   - cpuidTable: CPUID.1.EAX values of supported CPUs.
    ///   - moduleHV, minUpdateHV, noDowngrade, numHandoffPages: the handoff fields.
    ///   - debug: set the debug-module bit.
    ///   - date: the sigstruct date.
    ///   - modulePages: module size in 4 KiB pages when `payload` is nil.
    ///   - payload: module bytes to use instead (zero-padded to whole pages).
    ///   - format: container format.
    /// - Returns: the parsed image; it verifies under ``TrustPolicy/test``.
    public func makeImage(
        version: ModuleVersion = ModuleVersion(major: 1, minor: 5, update: 6),
        svn: UInt16? = nil,
        cpuidTable: [UInt32] = [0x806F8, 0xC06F0, 0xA06F0],
        moduleHV: UInt16 = 0,
        minUpdateHV: UInt16 = 0,
        noDowngrade: Bool = false,
        numHandoffPages: UInt16 = 13,
        debug: Bool = false,
        date: BCDDate = BCDDate(year: 2025, month: 1, day: 1),
        modulePages: Int = 4,
        payload: [UInt8]? = nil,
        format: ImageFormat = .v2
    ) throws(ImageError) -> ModuleImage {
        var fields = SigStructFields()
        fields.version = version
        fields.svn = svn ?? (0x0100 | UInt16(truncatingIfNeeded: min(max(version.update, 0), 0xFF)))
        fields.cpuidTable = cpuidTable
        fields.moduleHV = moduleHV
        fields.minUpdateHV = minUpdateHV
        fields.noDowngrade = noDowngrade
        fields.numHandoffPages = numHandoffPages
        fields.debug = debug
        fields.date = date
        let module: [UInt8]
        if let payload {
            module = payload + [UInt8](repeating: 0, count: (ImageLayout.pageSize - payload.count % 4096) % 4096)
        } else {
            guard (1...ImageLayout.maxModulePages).contains(modulePages) else {
                throw .invalidBuildInput("modulePages is \(modulePages), allowed 1...\(ImageLayout.maxModulePages)")
            }
            module = Self.syntheticModule(pages: modulePages, version: version)
        }
        let sigstruct = try sign(fields, module: module)
        return try ImageBuilder.join(module: module, sigstruct: sigstruct.bytes, format: format)
    }

    /// Deterministic filler bytes for a module of `pages` pages, different per version.
    static func syntheticModule(pages: Int, version: ModuleVersion) -> [UInt8] {
        var state =
            UInt64(truncatingIfNeeded: version.major << 32 | version.minor << 16 | version.update)
            &+ 0x9E37_79B9_7F4A_7C15
        var bytes = [UInt8]()
        bytes.reserveCapacity(pages * ImageLayout.pageSize)
        for _ in 0..<(pages * ImageLayout.pageSize / 8) {
            // splitmix64: cheap, well-mixed, reproducible.
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            mixed ^= mixed >> 31
            for shift in stride(from: 0, to: 64, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: mixed >> UInt64(shift)))
            }
        }
        return bytes
    }
}
