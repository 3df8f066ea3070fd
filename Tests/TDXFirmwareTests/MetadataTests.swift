import TDXImage
import Testing

@testable import TDXFirmware

@Suite("TDH.SYS.RD metadata")
struct MetadataTests {
    @Test func versionAndFeatures() throws {
        let platform = try Fixtures.booted(Fixtures.image(update: 16))
        #expect(try platform.sysRead(lp: 0, field: .majorVersion) == 1)
        #expect(try platform.sysRead(lp: 0, field: .minorVersion) == 5)
        #expect(try platform.sysRead(lp: 0, field: .updateVersion) == 16)
        #expect(try platform.sysRead(lp: 0, field: .buildDate) == 0x2025_0101)
        let features = try platform.sysRead(lp: 0, field: .tdxFeatures0)
        #expect(features & TDXFeatures0.tdPreserving != 0)
        #expect(features & TDXFeatures0.noRBPMod != 0)
        #expect(features & TDXFeatures0.updateCompat == 0)
        #expect(platform.moduleStatus?.supportsTDPreservingUpdate == true)
    }

    @Test func updateCompatIsAdvertisedWhenConfigured() throws {
        let platform = try Fixtures.booted(updateCompat: true)
        #expect(try platform.sysRead(lp: 0, field: .tdxFeatures0) & TDXFeatures0.updateCompat != 0)
    }

    @Test func unknownFieldIsRefused() throws {
        let platform = try Fixtures.booted()
        expectFailure(.metadataFieldIDIncorrect) { () throws(SeamcallFailure) in
            try platform.sysRead(lp: 0, field: MetadataField(rawValue: 0x1234))
        }
    }

    @Test func metadataIsReadableBeforeReady() throws {
        let platform = try Fixtures.installed()
        #expect(try platform.sysRead(lp: 0, field: .moduleHV) == 0)
    }
}
