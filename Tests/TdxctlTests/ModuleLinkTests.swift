import Testing

@testable import tdxctl

@Test func moduleLinks() {
    #expect(Bool(true))
}
