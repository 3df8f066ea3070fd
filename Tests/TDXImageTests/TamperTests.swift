import Testing

@testable import TDXImage

/// A flipped byte must fail exactly the check that covers it. Each case is run twice: as
/// flipped (the checksum fails too) and with the checksum repaired (only the covering check).
@Suite("Tampering is caught by exactly the right check")
struct TamperTests {
    enum Region: String, CaseIterable, CustomTestStringConvertible {
        case module, signedBody, signedHeader, signature, modulus, imageHeader
        var testDescription: String { rawValue }
    }

    /// (offset within the image, checks that fail once the checksum is repaired)
    static func target(_ region: Region, in image: ModuleImage) -> (Int, [VerificationCheck]) {
        let sigstructStart = 0x1000  // both formats place the sigstruct at 4 KiB
        switch region {
        case .module: return (image.moduleRange.lowerBound + 1234, [.moduleHash])
        case .signedBody: return (sigstructStart + 0x3B4, [.signature])  // seamsvn
        case .signedHeader: return (sigstructStart + 0x14, [.signature])  // date
        case .signature: return (sigstructStart + 0x300, [.signature])
        case .modulus: return (sigstructStart + 0x100, [.signature, .trust])
        case .imageHeader: return (3, [])  // the checksum word itself
        }
    }

    private func check(_ image: ModuleImage, _ region: Region, policy: TrustPolicy) throws {
        #expect(image.verify(trusting: policy).allPassed)
        let (offset, covering) = Self.target(region, in: image)
        let flipped = Fixtures.flipping(image.bytes, at: offset)
        let raw = try ModuleImage(parsing: flipped).verify(trusting: policy)
        #expect(raw.failedChecks == [.checksum] + covering, "\(region) at \(offset)")
        var repaired = flipped
        ImageChecksum.update(&repaired)
        if region != .imageHeader {
            let report = try ModuleImage(parsing: repaired).verify(trusting: policy)
            #expect(report.failedChecks == covering, "\(region) at \(offset), checksum repaired")
        }
    }

    @Test("test-signed images", arguments: ImageFormat.allCases, Region.allCases)
    func testSigned(format: ImageFormat, region: Region) throws {
        try check(format == .v1 ? Fixtures.v1 : Fixtures.v2, region, policy: .test)
    }

    @Test("Intel's published images", .enabled(if: IntelBinaries.available), arguments: Region.allCases)
    func intel(region: Region) throws {
        let url = try #require(IntelBinaries.blobs.first)
        let image = try ModuleImage(parsing: try IntelBinaries.read(url))
        try check(image, region, policy: .intel)
        try check(try ImageBuilder.convert(image, to: .v2), region, policy: .intel)
    }

    @Test("a signature made by another key is valid but untrusted")
    func foreignKey() throws {
        let signer = try TestImageSigner.withNewKey()
        #expect(signer.keyFingerprint != .projectTestKey)
        let image = try signer.makeImage()
        let report = image.verify(trusting: .test)
        #expect(report.failedChecks == [.trust])
        #expect(report.signatureValid && report.moduleHashValid && report.checksumValid)
        #expect(image.verify(trusting: .fingerprint(signer.keyFingerprint)).allPassed)
        #expect(image.verify(trusting: TrustPolicy(keys: [.intel, .test])).failedChecks == [.trust])
    }

    @Test("a sigstruct whose key is not RSA-3072 fails the signature check with a reason")
    func unusableKey() throws {
        var bytes = Fixtures.v2.bytes
        for offset in (0x1000 + 0x80)..<(0x1000 + 0x200) { bytes[offset] = 0 }
        bytes[0x1000 + 0x80] = 0xFF
        let report = try ModuleImage(parsing: bytes).verify(trusting: .test)
        #expect(!report.signatureValid)
        guard case .unusableKey = report.signatureFailure else {
            Issue.record("expected an unusable key, got \(String(describing: report.signatureFailure))")
            return
        }
    }
}
