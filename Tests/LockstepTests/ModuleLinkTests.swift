import Testing

@testable import Lockstep

@Test func moduleLinks() {
    #expect(Bool(true))
}
