import Testing
import _CryptoExtras

@testable import TDXImage

@Suite("Building, converting and signing")
struct BuilderTests {
    let sigstruct = Fixtures.v2.sigstruct.bytes
    let module = Array(Fixtures.v2.module)

    @Test("join writes the documented layouts with a zero word sum")
    func layouts() throws {
        let v1 = try ImageBuilder.join(module: module, sigstruct: sigstruct, format: .v1)
        #expect(v1.length == 0x2000 + module.count)
        #expect(v1.bytes.readLE32(at: 4) == 0x2000 && v1.bytes.readLE32(at: 0x10) == UInt32(v1.length))
        #expect(Array(v1.bytes[0x1000..<0x1800]) == sigstruct)
        let v2 = try ImageBuilder.join(module: module, sigstruct: sigstruct, format: .v2)
        #expect(v2.length == v1.length)
        #expect(v2.bytes.readLE32(at: 0xC) == 1 && v2.bytes.readLE32(at: 0x10) == UInt32(module.count / 4096))
        #expect(Array(v2.bytes[0x1000..<0x1800]) == sigstruct)
        // The two formats differ only in the first 20 header bytes.
        #expect(v1.bytes[0x14...] == v2.bytes[0x14...])
        #expect(ImageChecksum.isValid(v1.bytes) && ImageChecksum.isValid(v2.bytes))
    }

    @Test("conversion keeps sigstruct and module bytes and is reversible", arguments: ImageFormat.allCases)
    func conversion(from format: ImageFormat) throws {
        let image = format == .v1 ? Fixtures.v1 : Fixtures.v2
        let other: ImageFormat = format == .v1 ? .v2 : .v1
        let converted = try ImageBuilder.convert(image, to: other)
        #expect(converted.format == other)
        #expect(converted.sigstruct == image.sigstruct && converted.module == image.module)
        #expect(try ImageBuilder.convert(converted, to: format) == image)
        #expect(try ImageBuilder.convert(image, to: format) == image)
        #expect(converted.verify(trusting: .test).allPassed)
    }

    @Test("join rejects inputs that cannot form an image")
    func joinErrors() {
        #expect(throws: ImageError.invalidBuildInput("the module binary is empty")) {
            try ImageBuilder.join(module: [], sigstruct: sigstruct, format: .v2)
        }
        #expect {
            try ImageBuilder.join(module: [1, 2, 3], sigstruct: sigstruct, format: .v2)
        } throws: { error in
            guard case .invalidBuildInput(let reason) = error as? ImageError else { return false }
            return reason.contains("not a multiple of 4096")
        }
        #expect {
            try ImageBuilder.join(module: [UInt8](repeating: 0, count: 497 * 4096), sigstruct: sigstruct, format: .v1)
        } throws: { error in
            guard case .invalidBuildInput(let reason) = error as? ImageError else { return false }
            return reason.contains("at most 496")
        }
        #expect(throws: ImageError.truncated(structure: "sigstruct", required: 2048, actual: 100)) {
            try ImageBuilder.join(module: module, sigstruct: Array(sigstruct.prefix(100)), format: .v2)
        }
    }

    @Test("the signer rejects values that do not fit and unusable keys")
    func signerErrors() throws {
        let signer = Fixtures.signer
        #expect(throws: ImageError.invalidBuildInput("modulePages is 0, allowed 1...496")) {
            try signer.makeImage(modulePages: 0)
        }
        #expect(throws: ImageError.invalidBuildInput("256 CPUID entries, the sigstruct holds at most 255")) {
            try signer.makeImage(cpuidTable: Array(repeating: 0x806F8, count: 256))
        }
        #expect(
            throws: ImageError.invalidBuildInput("version 300.0.01 does not fit the sigstruct (major, minor < 256)")
        ) {
            try signer.makeImage(version: ModuleVersion(major: 300, minor: 0, update: 1))
        }
        #expect {
            try TestImageSigner(privateKeyPEM: "not a key")
        } throws: { error in
            guard case .keyUnusable = error as? ImageError else { return false }
            return true
        }
        let rsa2048 = try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation
        #expect(throws: ImageError.keyUnusable("2048-bit key, a sigstruct holds RSA-3072")) {
            try TestImageSigner(privateKeyPEM: rsa2048)
        }
        #expect(throws: ImageError.invalidBuildInput("seamhash must be 48 bytes (SHA-384), got 3")) {
            try SigStructFields().unsignedBytes(seamHash: [1, 2, 3])
        }
    }

    @Test("payloads are padded to whole pages and hashed as padded")
    func payload() throws {
        let image = try Fixtures.signer.makeImage(payload: Array("hello".utf8))
        #expect(image.modulePages == 1)
        #expect(Array(image.module.prefix(5)) == Array("hello".utf8))
        #expect(image.verify(trusting: .test).allPassed)
    }

    @Test("different versions make different modules; the same version the same bytes")
    func deterministic() throws {
        let a = try Fixtures.signer.makeImage(version: ModuleVersion(major: 1, minor: 5, update: 8))
        let b = try Fixtures.signer.makeImage(version: ModuleVersion(major: 1, minor: 5, update: 8))
        let c = try Fixtures.signer.makeImage(version: ModuleVersion(major: 1, minor: 5, update: 9))
        #expect(a.bytes == b.bytes)  // PKCS#1 v1.5 signatures are deterministic
        #expect(a.module != c.module)
        #expect(c.sigstruct.svn == 0x0109)
    }
}
