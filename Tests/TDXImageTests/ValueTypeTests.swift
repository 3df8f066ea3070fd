import Testing

@testable import TDXImage

@Suite("Checksum, versions, dates, fingerprints, trust")
struct ValueTypeTests {
    @Test("the word sum adds little-endian words and an odd trailing byte")
    func wordSum() {
        #expect(ImageChecksum.wordSum(of: []) == 0)
        #expect(ImageChecksum.wordSum(of: [0x01, 0x02]) == 0x0201)
        #expect(ImageChecksum.wordSum(of: [0x01, 0x02, 0x03]) == 0x0204)
        #expect(ImageChecksum.wordSum(of: [UInt8](repeating: 0xFF, count: 4)) == 0xFFFE)
        // The eight-byte fast path agrees with a plain word loop.
        let bytes = (0..<1001).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var expected: UInt16 = 0
        for index in stride(from: 0, to: 1000, by: 2) {
            expected &+= UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
        }
        expected &+= UInt16(bytes[1000])
        #expect(ImageChecksum.wordSum(of: bytes) == expected)
        var fixed = bytes
        ImageChecksum.update(&fixed)
        #expect(ImageChecksum.isValid(fixed))
        #expect(fixed[4...] == bytes[4...])
    }

    @Test(
        "versions come from Intel's file names",
        arguments: [
            ("tdx_module_1.5.06.blob", "1.5.06"), ("/x/y/tdx_module_2.0.08.bin", "2.0.08"),
            ("tdx_module_1.5.16", "1.5.16"), ("module.blob", nil), ("tdx_module_1.5.blob", nil),
            ("tdx_module_a.b.c", nil),
        ] as [(String, String?)])
    func fileNames(name: String, expected: String?) {
        #expect(ModuleVersion(fileName: name)?.description == expected)
    }

    @Test("versions order numerically")
    func ordering() throws {
        let a = try #require(ModuleVersion("1.5.06"))
        let b = try #require(ModuleVersion("1.5.16"))
        let c = try #require(ModuleVersion("2.0.2"))
        #expect(a < b && b < c)
        #expect(c.description == "2.0.02")
        #expect(ModuleVersion("1.5") == nil && ModuleVersion("1..5") == nil && ModuleVersion("-1.5.0") == nil)
    }

    @Test("BCD dates print as yyyy-mm-dd, or hex when not BCD")
    func dates() {
        #expect(BCDDate(rawValue: 0x2023_1008).description == "2023-10-08")
        #expect(BCDDate(year: 2025, month: 3, day: 25).rawValue == 0x2025_0325)
        #expect(BCDDate(rawValue: 0x2023_10AB).description == "0x202310ab")
        #expect(BCDDate(year: -2025, month: 123, day: Int.min).rawValue == 0x2025_2308)
    }

    @Test("fingerprints parse from hex")
    func fingerprints() {
        let text = "C821F41F83E0DC73E272852FFC176BCD9AE1E93A4FCCEC88772C9B4FF2EAA75F"
        #expect(KeyFingerprint(hex: text) == .intelProduction)
        #expect(KeyFingerprint(hex: String(text.dropLast())) == nil)
        #expect(KeyFingerprint(hex: String(text.dropLast()) + "g") == nil)
    }

    @Test("trust arguments: intel, test or a fingerprint")
    func trustArguments() {
        #expect(TrustPolicy(argument: "intel") == .intel)
        #expect(TrustPolicy(argument: "TEST") == .test)
        #expect(TrustPolicy(argument: KeyFingerprint.projectTestKey.hex)?.keys.map(\.fingerprint) == [.projectTestKey])
        #expect(TrustPolicy(argument: "someone") == nil)
    }

    @Test("error messages name field, offset and expected value")
    func messages() {
        let error = ImageError.pageCountOutOfRange(field: "module_nr_pages", offset: 0x10, pages: 497, allowed: 0...496)
        #expect(error.description == "module_nr_pages at offset 0x10 is 497 pages, allowed 0...496")
        let version = ImageError.unsupportedVersion(offset: 0, actual: 0x300, expected: [0x100, 0x200])
        #expect(version.description.contains("expected 0x0100 or 0x0200"))
    }
}
