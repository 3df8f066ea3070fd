import Testing

@testable import TDXFirmware

@Suite("SEAMLDR_INFO and SEAMLDR_PARAMS layouts")
struct StructureEncodingTests {
    @Test func seamldrInfoIs256BytesAtTheDocumentedOffsets() throws {
        var info = SeamldrInfo()
        info.majorVersion = 2
        info.minorVersion = 1
        info.updateVersion = 3
        info.numRemainingUpdates = 7
        info.seamInfo.seamSVN = 0x0108
        info.seamInfo.seamReady = true
        info.seamInfo.mrSeam = Array(repeating: 0xAB, count: 48)
        let bytes = info.bytes
        #expect(bytes.count == 256)
        #expect(bytes.readLE(UInt32.self, at: 0x08) == 0x8086)
        #expect(bytes.readLE(UInt16.self, at: 0x14) == 2)
        #expect(bytes.readLE(UInt16.self, at: 0x12) == 1)
        #expect(bytes.readLE(UInt16.self, at: 0x16) == 3)
        #expect(bytes.readLE(UInt32.self, at: 0x1C) == 7)
        #expect(bytes.readLE(UInt16.self, at: 0x28) == 0x0108)
        #expect(bytes[0x38] == 0xAB && bytes[0x67] == 0xAB && bytes[0x68] == 0)
        #expect(bytes[0xA0] == 1)
        #expect(try #require(SeamldrInfo(bytes: bytes)) == info)
        #expect(info.versionString == "2.1.3")
        #expect(SeamldrInfo(bytes: Array(bytes.prefix(255))) == nil)
    }

    @Test func seamldrParamsIs4096BytesAtTheDocumentedOffsets() throws {
        let params = SeamldrParams(scenario: .update, sigstructPage: 0x1000, modulePages: [0x5000, 0x9000])
        let bytes = params.bytes
        #expect(bytes.count == 4096)
        #expect(bytes.readLE(UInt32.self, at: 0x00) == 0)
        #expect(bytes.readLE(UInt32.self, at: 0x04) == 1)
        #expect(bytes.readLE(UInt64.self, at: 0x08) == 0x1000)
        #expect(bytes.readLE(UInt64.self, at: 0x78) == 2)
        #expect(bytes.readLE(UInt64.self, at: 0x80) == 0x5000)
        #expect(bytes.readLE(UInt64.self, at: 0x88) == 0x9000)
        #expect(try #require(SeamldrParams(bytes: bytes)) == params)
        #expect(SeamldrParams(bytes: []) == nil)
    }

    @Test func paramsListAtMost496Pages() throws {
        let params = SeamldrParams(scenario: .load, sigstructPage: 0, modulePages: Array(repeating: 0x1000, count: 500))
        let decoded = try #require(SeamldrParams(bytes: params.bytes))
        #expect(decoded.declaredModulePages == 500)
        #expect(decoded.modulePages.count == 496)
    }
}
