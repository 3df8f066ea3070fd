import Testing

@testable import TDXHost

@Test func moduleLinks() {
    #expect(Bool(true))
}
