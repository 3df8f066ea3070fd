import Testing

@testable import TDXImage

@Suite("Canonical images: bytes the signature does not cover must be zero")
struct CanonicalImageTests {
    @Test(
        "text in the unused half of a v2 sigstruct page is refused, even with the checksum fixed",
        arguments: [0x1800, 0x1801, 0x1C00, 0x1FFF])
    func v2SigstructPageRemainder(offset: Int) {
        var bytes = Fixtures.v2.bytes
        let text = Array("not covered by the signature".utf8)
        for (index, byte) in text.enumerated() where offset + index < 0x2000 { bytes[offset + index] = byte }
        ImageChecksum.update(&bytes)
        #expect(ImageChecksum.isValid(bytes))
        #expect(throws: ImageError.reservedNotZero(field: "sigstruct page remainder", offset: offset, value: text[0])) {
            try ModuleImage(parsing: bytes)
        }
    }

    @Test(
        "v1 reserved fields: each non-zero byte refused with the field named",
        arguments: [
            (0x14, "reserved0"), (0x18, "reserved1"), (0x0FFF, "reserved1"), (0x1800, "reserved2"),
            (0x1FFF, "reserved2"),
        ])
    func v1Reserved(offset: Int, field: String) {
        var bytes = Fixtures.v1.bytes
        bytes[offset] = 0x41
        ImageChecksum.update(&bytes)
        #expect(throws: ImageError.reservedNotZero(field: field, offset: offset, value: 0x41)) {
            try ModuleImage(parsing: bytes)
        }
    }

    @Test("canonical images of both formats parse, verify, and convert into each other")
    func canonicalAccepted() throws {
        for image in [Fixtures.v1, Fixtures.v2] {
            let parsed = try ModuleImage(parsing: image.bytes)
            #expect(parsed.verify(trusting: .test).allPassed)
            let other = try ImageBuilder.convert(parsed, to: parsed.format == .v1 ? .v2 : .v1)
            #expect(try ModuleImage(parsing: other.bytes).module == parsed.module)
        }
    }
}
