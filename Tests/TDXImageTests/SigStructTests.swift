import Testing

@testable import TDXImage

@Suite("SEAM sigstruct parsing")
struct SigStructTests {
    let valid = Fixtures.v2.sigstruct.bytes

    @Test("wrong sizes are rejected")
    func sizes() {
        #expect(throws: ImageError.truncated(structure: "sigstruct", required: 2048, actual: 2047)) {
            try SigStruct(parsing: Array(valid.dropLast()))
        }
        #expect(throws: ImageError.lengthMismatch(field: "sigstruct", offset: 0, declared: 2048, actual: 2049)) {
            try SigStruct(parsing: valid + [0])
        }
    }

    @Test(
        "fixed header values are checked",
        arguments: [
            ("header_type", 0x00, UInt32(6)), ("header_length", 0x04, 0xE1), ("header_version", 0x08, 0x10000),
            ("module_vendor", 0x10, 0x8086), ("size", 0x18, 0x200), ("key_size", 0x1C, 0x60),
            ("modulus_size", 0x20, 0x60), ("exponent_size", 0x24, 1),
        ])
    func fixedValues(field: String, offset: Int, expected: UInt32) {
        var bytes = valid
        bytes.writeLE32(expected + 1, at: offset)
        #expect(
            throws: ImageError.unexpectedValue(
                field: "sigstruct \(field)", offset: offset, actual: UInt64(expected + 1), expected: UInt64(expected))
        ) {
            try SigStruct(parsing: bytes)
        }
    }

    @Test(
        "reserved bytes are checked",
        arguments: [("reserved0", 0x28), ("reserved0", 0x7F), ("reserved1", 0x3D2), ("reserved2", 0x3DD)])
    func reserved(field: String, offset: Int) {
        var bytes = valid
        bytes[offset] = 0x11
        #expect(throws: ImageError.reservedNotZero(field: "sigstruct \(field)", offset: offset, value: 0x11)) {
            try SigStruct(parsing: bytes)
        }
    }

    @Test("no_downgrade is a boolean")
    func noDowngrade() {
        var bytes = valid
        bytes[0x3DC] = 2
        #expect(
            throws: ImageError.valueOutOfRange(field: "sigstruct no_downgrade", offset: 0x3DC, value: 2, allowed: 0...1)
        ) {
            try SigStruct(parsing: bytes)
        }
    }

    @Test("the CPUID table holds at most 255 entries")
    func cpuidTableSize() throws {
        var bytes = valid
        bytes.writeLE32(255, at: 0x400)
        #expect(try SigStruct(parsing: bytes).cpuidTable.count == 255)
        bytes.writeLE32(256, at: 0x400)
        #expect(
            throws: ImageError.valueOutOfRange(
                field: "sigstruct cpuid_table_size", offset: 0x400, value: 256, allowed: 0...255)
        ) {
            try SigStruct(parsing: bytes)
        }
    }

    @Test("every field reads back what the signer wrote")
    func fields() throws {
        var fields = SigStructFields()
        fields.moduleType = 0x8000_0001
        fields.date = BCDDate(year: 2024, month: 12, day: 31)
        fields.svn = 0x0304
        fields.attributes = 0x0102_0304_0506_0708
        fields.ripOffset = 0x38E24
        fields.numStackPages = 2
        fields.numTLSPages = 3
        fields.numKeyholePages = 0x7F
        fields.numGlobalDataPages = 0x21
        fields.moduleHV = 5
        fields.minUpdateHV = 4
        fields.noDowngrade = true
        fields.numHandoffPages = 24
        fields.version = ModuleVersion(major: 2, minor: 0, update: 8)
        fields.build = 0x372
        fields.cpuidTable = [0xA06D0, 0xA06E0]
        let sigstruct = try Fixtures.signer.sign(fields, module: [UInt8](repeating: 0, count: 4096))
        #expect(sigstruct.moduleType == 0x8000_0001)
        #expect(sigstruct.isDebug)
        #expect(sigstruct.date.description == "2024-12-31")
        #expect(sigstruct.svn == 0x0304 && sigstruct.svnMajor == 3 && sigstruct.svnMinor == 4)
        #expect(sigstruct.attributes == 0x0102_0304_0506_0708)
        #expect(sigstruct.ripOffset == 0x38E24)
        #expect(sigstruct.numStackPages == 2 && sigstruct.numTLSPages == 3)
        #expect(sigstruct.numKeyholePages == 0x7F && sigstruct.numGlobalDataPages == 0x21)
        #expect(sigstruct.moduleHV == 5 && sigstruct.minUpdateHV == 4 && sigstruct.noDowngrade)
        #expect(sigstruct.numHandoffPages == 24)
        #expect(sigstruct.embeddedVersion == ModuleVersion(major: 2, minor: 0, update: 8))
        #expect(sigstruct.embeddedBuild == 0x372)
        #expect(sigstruct.cpuidTable == [0xA06D0, 0xA06E0])
        #expect(sigstruct.exponent == 65537)
        #expect(sigstruct.keyFingerprint == .projectTestKey)
        #expect(sigstruct.supports(cpuid: 0xA06D3))
        #expect(!sigstruct.supports(cpuid: 0x806F8))
        #expect(SignatureCheck.failure(of: sigstruct) == nil)
    }

    @Test("Intel's separate sigstruct file parses with the published values", .enabled(if: IntelBinaries.available))
    func intelSigstruct() throws {
        let pair = try #require(IntelBinaries.separatePairs.first)
        let sigstruct = try SigStruct(parsing: try IntelBinaries.read(pair.sigstruct))
        #expect(sigstruct.keyFingerprint == .intelProduction)
        #expect(sigstruct.exponent == 65537)
        #expect(sigstruct.embeddedVersion == nil)
        if pair.bin.lastPathComponent == "tdx_module_1.5.06.bin" {
            #expect(sigstruct.svn == 0x0106)
            #expect(sigstruct.date.description == "2024-04-07")
            #expect(sigstruct.cpuidTable == [0x806F8, 0xC06F0, 0xA06F0])
            #expect(sigstruct.numHandoffPages == 13)
            #expect(sigstruct.numGlobalDataPages == 0x15)
        }
    }
}
