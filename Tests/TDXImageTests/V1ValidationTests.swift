import Testing

@testable import TDXImage

@Suite("v1 tdx_blob validation (kernel rules and order, then blob_structure.txt)")
struct V1ValidationTests {
    let module = [UInt8](repeating: 0xCC, count: 2 * 4096)

    private func expectError(_ expected: ImageError, _ bytes: [UInt8]) {
        #expect(throws: expected) { try ModuleImage(parsingV1: bytes) }
    }

    @Test("the fixture and a hand-made blob parse")
    func validBlobsParse() throws {
        let image = try ModuleImage(parsingV1: Fixtures.v1.bytes)
        #expect(image.moduleRange == 0x2000..<Fixtures.v1.length)
        let custom = try ModuleImage(parsingV1: Fixtures.v1Blob(module: module))
        #expect(custom.module.elementsEqual(module))
    }

    @Test("an input no longer than the header is truncated", arguments: [0, 100, 4096])
    func truncated(size: Int) {
        var bytes = [UInt8](repeating: 0, count: size)
        if size >= 2 { bytes.writeLE16(0x100, at: 0) }
        expectError(.truncated(structure: "v1 tdx_blob header", required: 4097, actual: size), bytes)
    }

    @Test("version must be 0x100")
    func version() {
        var bytes = Fixtures.v1.bytes
        bytes.writeLE16(0x101, at: 0)
        expectError(.unsupportedVersion(offset: 0, actual: 0x101, expected: [0x100]), bytes)
    }

    @Test(
        "reserved0 and reserved1 must be zero",
        arguments: [(0x14, "reserved0"), (0x17, "reserved0"), (0x18, "reserved1"), (0xFFF, "reserved1")])
    func reservedHeader(offset: Int, field: String) {
        var bytes = Fixtures.v1.bytes
        bytes[offset] = 7
        expectError(.reservedNotZero(field: field, offset: offset, value: 7), bytes)
    }

    @Test("offset_of_module must leave a sigstruct area and a module", arguments: [0, 0x1000, 0x6000, 0x7000])
    func moduleOffsetRange(offset: Int) {
        var bytes = Fixtures.v1Blob(module: module)  // 0x4000 bytes
        bytes.writeLE32(UInt32(offset), at: 4)
        expectError(
            .valueOutOfRange(field: "offset_of_module", offset: 4, value: offset, allowed: 0x1001...0x3FFF), bytes)
    }

    @Test("length must equal the input length")
    func length() {
        var bytes = Fixtures.v1.bytes
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 4096))
        expectError(
            .lengthMismatch(field: "length", offset: 0x10, declared: Fixtures.v1.length, actual: bytes.count), bytes)
    }

    @Test("signature must be TDX-BLOB")
    func magic() {
        var bytes = Fixtures.v1.bytes
        bytes[0xF] = UInt8(ascii: "X")
        expectError(.badMagic(offset: 8, actual: Array("TDX-BLOX".utf8), expected: "TDX-BLOB"), bytes)
    }

    @Test("at most 4 sigstruct pages")
    func sigstructPages() {
        let bytes = Fixtures.v1Blob(moduleOffset: 0x6000, module: module)
        expectError(
            .pageCountOutOfRange(
                field: "sigstruct area (offset_of_module - 0x1000)", offset: 4, pages: 5, allowed: 1...4), bytes)
    }

    @Test("at most 496 module pages")
    func modulePages() {
        let bytes = Fixtures.v1Blob(module: [UInt8](repeating: 1, count: 497 * 4096))
        expectError(
            .pageCountOutOfRange(
                field: "module (length - offset_of_module)", offset: 0x10, pages: 497, allowed: 1...496),
            bytes)
    }

    @Test("offset_of_module must be page aligned")
    func offsetAlignment() {
        let bytes = Fixtures.v1Blob(moduleOffset: 0x2800, module: module)
        expectError(.misaligned(field: "offset_of_module", offset: 4, value: 0x2800, alignment: 4096), bytes)
    }

    @Test("the module size must be page aligned")
    func moduleAlignment() {
        let bytes = Fixtures.v1Blob(module: module + [1, 2, 3])
        expectError(
            .misaligned(field: "module size (length - offset_of_module)", offset: 0x10, value: 0x2003, alignment: 4096),
            bytes)
    }

    @Test("reserved2 (after the 2 KiB sigstruct) must be zero")
    func reserved2() {
        var bytes = Fixtures.v1.bytes
        bytes[0x1FFF] = 1
        expectError(.reservedNotZero(field: "reserved2", offset: 0x1FFF, value: 1), bytes)
    }

    @Test("reserved3 (extra pages before the module) must be zero, and N > 0 is accepted")
    func reserved3() throws {
        var bytes = Fixtures.v1Blob(moduleOffset: 0x3000, module: module)
        let image = try ModuleImage(parsingV1: bytes)
        #expect(image.moduleRange == 0x3000..<0x5000)
        bytes[0x2100] = 9
        expectError(.reservedNotZero(field: "reserved3", offset: 0x2100, value: 9), bytes)
    }

    @Test("the sigstruct inside is validated")
    func sigstructInside() {
        var bytes = Fixtures.v1.bytes
        bytes[0x1000] = 5
        expectError(.unexpectedValue(field: "sigstruct header_type", offset: 0, actual: 5, expected: 6), bytes)
    }

    @Test("the kernel's order: the version is checked before the length")
    func order() {
        var bytes = Fixtures.v1.bytes
        bytes.writeLE16(0x200, at: 0)
        bytes.writeLE32(1, at: 0x10)
        expectError(.unsupportedVersion(offset: 0, actual: 0x200, expected: [0x100]), bytes)
    }
}
