import Testing

@testable import TDXImage

@Suite("v2 tdx_image validation (mainline rules and order)")
struct V2ValidationTests {
    private func expectError(_ expected: ImageError, _ bytes: [UInt8]) {
        #expect(throws: expected) { try ModuleImage(parsingV2: bytes) }
    }

    @Test("a hand-made image with one sigstruct page parses")
    func handMade() throws {
        let image = try ModuleImage(parsingV2: Fixtures.v2Image(sigstructPages: 1, modulePages: 2))
        #expect(image.moduleRange == 0x2000..<0x4000)
        #expect(image.modulePages == 2)
    }

    @Test("an input shorter than the header is truncated", arguments: [0, 1, 4095])
    func truncated(size: Int) {
        expectError(
            .truncated(structure: "v2 tdx_image header", required: 4096, actual: size),
            [UInt8](repeating: 0, count: size))
    }

    @Test("header plus pages must equal the input length")
    func length() {
        var bytes = Fixtures.v2.bytes
        bytes.removeLast(4096)
        expectError(
            .lengthMismatch(
                field: "sigstruct_nr_pages + module_nr_pages", offset: 0xC, declared: bytes.count + 4096,
                actual: bytes.count), bytes)
    }

    @Test("huge page counts do not overflow")
    func hugePageCounts() {
        var bytes = Fixtures.v2.bytes
        bytes.writeLE32(.max, at: 0xC)
        bytes.writeLE32(.max, at: 0x10)
        expectError(
            .lengthMismatch(
                field: "sigstruct_nr_pages + module_nr_pages", offset: 0xC,
                declared: 4096 * (1 + 2 * Int(UInt32.max)), actual: bytes.count), bytes)
    }

    @Test("version must be 0x200")
    func version() {
        var bytes = Fixtures.v2.bytes
        bytes.writeLE16(0x100, at: 0)
        expectError(.unsupportedVersion(offset: 0, actual: 0x100, expected: [0x200]), bytes)
    }

    @Test("at most one sigstruct page")
    func sigstructPages() {
        expectError(
            .pageCountOutOfRange(field: "sigstruct_nr_pages", offset: 0xC, pages: 2, allowed: 0...1),
            Fixtures.v2Image(sigstructPages: 2, modulePages: 1))
    }

    @Test("at most 496 module pages")
    func modulePages() {
        expectError(
            .pageCountOutOfRange(field: "module_nr_pages", offset: 0x10, pages: 497, allowed: 0...496),
            Fixtures.v2Image(sigstructPages: 1, modulePages: 497))
    }

    @Test("signature must be TDX-BLOB")
    func magic() {
        var bytes = Fixtures.v2.bytes
        bytes[4] = UInt8(ascii: "t")
        expectError(.badMagic(offset: 4, actual: Array("tDX-BLOB".utf8), expected: "TDX-BLOB"), bytes)
    }

    @Test("reserved must be zero", arguments: [0x14, 0x800, 0xFFF])
    func reserved(offset: Int) {
        var bytes = Fixtures.v2.bytes
        bytes[offset] = 0x80
        expectError(.reservedNotZero(field: "reserved", offset: offset, value: 0x80), bytes)
    }

    @Test("the kernel accepts zero sigstruct or module pages; the image parser does not")
    func zeroPages() throws {
        let noSigstruct = Fixtures.v2Image(sigstructPages: 0, modulePages: 1)
        #expect(try ImageV2Header(validating: noSigstruct).sigstructPages == 0)
        expectError(
            .pageCountOutOfRange(field: "sigstruct_nr_pages", offset: 0xC, pages: 0, allowed: 1...1), noSigstruct)
        let noModule = Fixtures.v2Image(sigstructPages: 1, modulePages: 0)
        #expect(try ImageV2Header(validating: noModule).modulePages == 0)
        expectError(
            .pageCountOutOfRange(field: "module_nr_pages", offset: 0x10, pages: 0, allowed: 1...496), noModule)
    }

    @Test("the kernel's order: length, version, page counts, signature, reserved")
    func order() {
        var bytes = Fixtures.v2.bytes
        bytes.writeLE16(0x300, at: 0)
        bytes[4] = 0
        bytes[0x20] = 1
        expectError(.unsupportedVersion(offset: 0, actual: 0x300, expected: [0x200]), bytes)
        bytes.writeLE16(0x200, at: 0)
        expectError(.badMagic(offset: 4, actual: Array("\0DX-BLOB".utf8), expected: "TDX-BLOB"), bytes)
        bytes.append(0)
        expectError(
            .lengthMismatch(
                field: "sigstruct_nr_pages + module_nr_pages", offset: 0xC, declared: bytes.count - 1,
                actual: bytes.count), bytes)
    }

    @Test("format detection: unknown versions and short inputs")
    func detection() throws {
        #expect(throws: ImageError.truncated(structure: "image header", required: 4096, actual: 10)) {
            try ModuleImage(parsing: [UInt8](repeating: 0, count: 10))
        }
        var bytes = Fixtures.v2.bytes
        bytes.writeLE16(0x300, at: 0)
        #expect(throws: ImageError.unsupportedVersion(offset: 0, actual: 0x300, expected: [0x100, 0x200])) {
            try ModuleImage(parsing: bytes)
        }
        #expect(try ModuleImage(parsing: Fixtures.v1.bytes).format == .v1)
        #expect(try ModuleImage(parsing: Fixtures.v2.bytes).format == .v2)
    }
}
