import TDXImage
import Testing

@testable import TDXFirmware

@Suite("Boot and update, end to end")
struct SmokeTests {
    @Test func bootThenUpdatePreservesTDs() throws {
        let platform = try Fixtures.booted()
        #expect(platform.moduleStatus?.sysState == .sysReady)
        #expect(platform.numRemainingUpdates == 15)
        let td = try Fixtures.runningTD(on: platform)
        let before = try #require(platform.tdSnapshot(td))
        try platform.update(to: Fixtures.image(update: 8))
        #expect(platform.moduleStatus?.version == ModuleVersion(major: 1, minor: 5, update: 8))
        #expect(platform.tdSnapshot(td) == before)
        #expect(platform.numRemainingUpdates == 14)
        try platform.vpEnter(lp: 1, td: td, vcpu: 0)
        #expect(platform.tdSnapshot(td) != before)
    }
}
