import Testing

@testable import TDXImage

@Suite("Test signer round trips")
struct TestSignerTests {
    @Test("the embedded test key has the published fingerprint")
    func testKeyFingerprint() {
        #expect(TestImageSigner().keyFingerprint == .projectTestKey)
    }

    @Test("sign -> parse -> verify", arguments: ImageFormat.allCases)
    func roundTrip(format: ImageFormat) throws {
        let signer = TestImageSigner()
        let image = try signer.makeImage(
            version: ModuleVersion(major: 1, minor: 5, update: 16), svn: 0x010B, cpuidTable: [0x806F8, 0xA06D0],
            moduleHV: 2, minUpdateHV: 1, noDowngrade: true, numHandoffPages: 24, debug: true, modulePages: 3,
            format: format)
        let parsed = try ModuleImage(parsing: image.bytes)
        #expect(parsed == image)
        #expect(parsed.format == format)
        #expect(parsed.modulePages == 3)
        let sigstruct = parsed.sigstruct
        #expect(sigstruct.svn == 0x010B)
        #expect(sigstruct.cpuidTable == [0x806F8, 0xA06D0])
        #expect(sigstruct.moduleHV == 2)
        #expect(sigstruct.minUpdateHV == 1)
        #expect(sigstruct.noDowngrade)
        #expect(sigstruct.numHandoffPages == 24)
        #expect(sigstruct.isDebug)
        #expect(parsed.version() == ModuleVersion(major: 1, minor: 5, update: 16))
        let report = parsed.verify(trusting: .test)
        #expect(report.allPassed, "failed: \(report.failedChecks)")
        #expect(parsed.verify(trusting: .intel).failedChecks == [.trust])
    }
}
