@testable import TDXImage

/// Signed images shared by the tests (signing takes a few milliseconds, so they are made once).
enum Fixtures {
    static let signer = TestImageSigner()
    static let v2 = try! signer.makeImage(modulePages: 4, format: .v2)
    static let v1 = try! signer.makeImage(modulePages: 4, format: .v1)

    /// A copy of `bytes` with one byte XOR-ed with 0x5A.
    static func flipping(_ bytes: [UInt8], at offset: Int) -> [UInt8] {
        var copy = bytes
        copy[offset] ^= 0x5A
        return copy
    }

    /// A v1 blob header page + sigstruct area with custom fields, followed by `module`.
    static func v1Blob(
        moduleOffset: Int = 0x2000, module: [UInt8], sigstruct: [UInt8] = v1.sigstruct.bytes, length: Int? = nil
    ) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: moduleOffset)
        bytes.writeLE16(0x100, at: 0)
        bytes.writeLE32(UInt32(moduleOffset), at: 4)
        bytes.writeBytes(ImageLayout.magic, at: 8)
        bytes.writeLE32(UInt32(length ?? moduleOffset + module.count), at: 0x10)
        if moduleOffset >= 0x1800 { bytes.writeBytes(sigstruct, at: 0x1000) }
        bytes.append(contentsOf: module)
        return bytes
    }

    /// A v2 image with custom page counts: header, `sigstructPages` pages (the fixture's
    /// sigstruct in the first), `modulePages` pages of module.
    static func v2Image(sigstructPages: Int, modulePages: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 4096 * (1 + sigstructPages + modulePages))
        bytes.writeLE16(0x200, at: 0)
        bytes.writeBytes(ImageLayout.magic, at: 4)
        bytes.writeLE32(UInt32(sigstructPages), at: 0xC)
        bytes.writeLE32(UInt32(modulePages), at: 0x10)
        if sigstructPages > 0 { bytes.writeBytes(v2.sigstruct.bytes, at: 4096) }
        return bytes
    }
}
