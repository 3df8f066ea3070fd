import Testing

@testable import TDXImage

@Test func moduleLinks() {
    #expect(Bool(true))
}
