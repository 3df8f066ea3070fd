import Testing

@testable import TDXFirmware

@Test func moduleLinks() {
    #expect(Bool(true))
}
