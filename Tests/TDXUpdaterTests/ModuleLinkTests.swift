import Testing

@testable import TDXUpdater

@Test func moduleLinks() {
    #expect(Bool(true))
}
