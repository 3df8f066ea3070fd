/// The header of mainline Linux's `tdx_image` format (version 0x200).
///
/// Layout: version (u16 @0), checksum (u16 @2), "TDX-BLOB" (@4), sigstruct_nr_pages
/// (u32 @0xC), module_nr_pages (u32 @0x10), reserved (@0x14..0x1000), then the sigstruct
/// pages and the module pages, each 4 KiB.
public struct ImageV2Header: Sendable, Equatable {
    /// Offset of the signature "TDX-BLOB".
    public static let magicOffset = 0x4
    /// Offset of `sigstruct_nr_pages`.
    public static let sigstructPagesOffset = 0xC
    /// Offset of `module_nr_pages`.
    public static let modulePagesOffset = 0x10
    /// Offset of the reserved area (to the end of the header page).
    public static let reservedOffset = 0x14
    /// The kernel accepts at most one sigstruct page.
    public static let maxSigstructPages = 1

    /// The version field (0x200).
    public let version: UInt16
    /// The stored checksum word (the kernel ignores it; the UEFI loader requires a zero sum).
    public let checksum: UInt16
    /// Number of 4 KiB sigstruct pages.
    public let sigstructPages: Int
    /// Number of 4 KiB module pages.
    public let modulePages: Int

    /// Validates the header of `bytes` by mainline Linux's rules, in its order: the input holds
    /// the header; header plus pages equal the input length exactly; version 0x200; page
    /// counts within limits; the signature; the reserved area zero.
    ///
    /// Like the kernel, this accepts 0 sigstruct or module pages; ``ModuleImage`` then
    /// rejects them, as P-SEAMLDR and the UEFI loader would.
    /// - Throws: the first rule broken, with field, offset and expected value.
    public init(validating bytes: [UInt8]) throws(ImageError) {
        let size = bytes.count
        guard size >= ImageLayout.headerSize else {
            throw .truncated(structure: "v2 tdx_image header", required: ImageLayout.headerSize, actual: size)
        }
        let sigstructPages = Int(bytes.readLE32(at: Self.sigstructPagesOffset))
        let modulePages = Int(bytes.readLE32(at: Self.modulePagesOffset))
        let declared = ImageLayout.headerSize + ImageLayout.pageSize * (sigstructPages + modulePages)
        guard declared == size else {
            throw .lengthMismatch(
                field: "sigstruct_nr_pages + module_nr_pages", offset: Self.sigstructPagesOffset,
                declared: declared, actual: size)
        }
        let version = bytes.readLE16(at: 0)
        guard version == ImageFormat.v2.versionField else {
            throw .unsupportedVersion(offset: 0, actual: version, expected: [ImageFormat.v2.versionField])
        }
        guard sigstructPages <= Self.maxSigstructPages else {
            throw .pageCountOutOfRange(
                field: "sigstruct_nr_pages", offset: Self.sigstructPagesOffset, pages: sigstructPages,
                allowed: 0...Self.maxSigstructPages)
        }
        guard modulePages <= ImageLayout.maxModulePages else {
            throw .pageCountOutOfRange(
                field: "module_nr_pages", offset: Self.modulePagesOffset, pages: modulePages,
                allowed: 0...ImageLayout.maxModulePages)
        }
        let magic = Array(bytes[Self.magicOffset..<(Self.magicOffset + 8)])
        guard magic == ImageLayout.magic else {
            throw .badMagic(offset: Self.magicOffset, actual: magic, expected: "TDX-BLOB")
        }
        if let bad = bytes.firstNonZeroOffset(in: Self.reservedOffset..<ImageLayout.headerSize) {
            throw .reservedNotZero(field: "reserved", offset: bad, value: bytes[bad])
        }
        self.version = version
        self.checksum = bytes.readLE16(at: ImageLayout.checksumOffset)
        self.sigstructPages = sigstructPages
        self.modulePages = modulePages
    }
}
