/// The header of Intel's published `tdx_blob` format (version 0x100), as `blob_structure.txt`
/// defines it and the kernel (patch series v4 to v8) validated it.
///
/// Layout: version (u16 @0), checksum (u16 @2), offset_of_module (u32 @4), "TDX-BLOB" (@8),
/// length (u32 @0x10), reserved0 (u32 @0x14), reserved1 (@0x18..0x1000), the 2 KiB sigstruct
/// at 0x1000, zero padding to `offset_of_module`, then the module to the end of the file.
public struct BlobV1Header: Sendable, Equatable {
    /// Offset of `offset_of_module`.
    public static let moduleOffsetFieldOffset = 0x4
    /// Offset of the signature "TDX-BLOB".
    public static let magicOffset = 0x8
    /// Offset of `length`.
    public static let lengthFieldOffset = 0x10
    /// Offset of `reserved0`.
    public static let reserved0Offset = 0x14
    /// Offset of `reserved1` (to the end of the header page).
    public static let reserved1Offset = 0x18
    /// Where the sigstruct starts.
    public static let sigstructOffset = 0x1000
    /// The module offset every published blob uses (N = 0 in `blob_structure.txt`).
    public static let standardModuleOffset = 0x2000
    /// The kernel's limit on the sigstruct area (everything between header and module).
    public static let maxSigstructPages = 4

    /// The version field (0x100).
    public let version: UInt16
    /// The stored checksum word.
    public let checksum: UInt16
    /// Byte offset of the module from the start of the blob.
    public let moduleOffset: Int
    /// The declared total length.
    public let length: Int

    /// Validates the header of `bytes` by the kernel's rules, in its order, then by the
    /// published format's own rules (zero padding after the sigstruct).
    ///
    /// Order: length above the header; version 0x100; reserved0 and reserved1 zero; a
    /// non-empty sigstruct area and module; `length` equal to the input length; the signature;
    /// at most 4 sigstruct pages and 496 module pages; 4 KiB alignment of the module offset
    /// and size; then the zero padding that follows
    /// the 2 KiB sigstruct (`reserved2`, `reserved3`).
    /// - Throws: the first rule broken, with field, offset and expected value.
    public init(validating bytes: [UInt8]) throws(ImageError) {
        let size = bytes.count
        guard size > ImageLayout.headerSize else {
            throw .truncated(structure: "v1 tdx_blob header", required: ImageLayout.headerSize + 1, actual: size)
        }
        let version = bytes.readLE16(at: 0)
        guard version == ImageFormat.v1.versionField else {
            throw .unsupportedVersion(offset: 0, actual: version, expected: [ImageFormat.v1.versionField])
        }
        if let bad = bytes.firstNonZeroOffset(in: Self.reserved0Offset..<Self.reserved1Offset) {
            throw .reservedNotZero(field: "reserved0", offset: bad, value: bytes[bad])
        }
        if let bad = bytes.firstNonZeroOffset(in: Self.reserved1Offset..<ImageLayout.headerSize) {
            throw .reservedNotZero(field: "reserved1", offset: bad, value: bytes[bad])
        }
        let moduleOffset = Int(bytes.readLE32(at: Self.moduleOffsetFieldOffset))
        guard moduleOffset > ImageLayout.headerSize, moduleOffset < size else {
            throw .valueOutOfRange(
                field: "offset_of_module", offset: Self.moduleOffsetFieldOffset, value: moduleOffset,
                allowed: (ImageLayout.headerSize + 1)...max(ImageLayout.headerSize + 1, size - 1))
        }
        let length = Int(bytes.readLE32(at: Self.lengthFieldOffset))
        guard length == size else {
            throw .lengthMismatch(field: "length", offset: Self.lengthFieldOffset, declared: length, actual: size)
        }
        let magic = Array(bytes[Self.magicOffset..<(Self.magicOffset + 8)])
        guard magic == ImageLayout.magic else {
            throw .badMagic(offset: Self.magicOffset, actual: magic, expected: "TDX-BLOB")
        }
        let sigstructArea = moduleOffset - ImageLayout.headerSize
        let sigstructPages = pagesCovering(sigstructArea)
        guard sigstructPages <= Self.maxSigstructPages else {
            throw .pageCountOutOfRange(
                field: "sigstruct area (offset_of_module - 0x1000)", offset: Self.moduleOffsetFieldOffset,
                pages: sigstructPages, allowed: 1...Self.maxSigstructPages)
        }
        let moduleSize = size - moduleOffset
        let modulePages = pagesCovering(moduleSize)
        guard modulePages <= ImageLayout.maxModulePages else {
            throw .pageCountOutOfRange(
                field: "module (length - offset_of_module)", offset: Self.lengthFieldOffset,
                pages: modulePages, allowed: 1...ImageLayout.maxModulePages)
        }
        guard moduleOffset % ImageLayout.pageSize == 0 else {
            throw .misaligned(
                field: "offset_of_module", offset: Self.moduleOffsetFieldOffset, value: moduleOffset,
                alignment: ImageLayout.pageSize)
        }
        guard moduleSize % ImageLayout.pageSize == 0 else {
            throw .misaligned(
                field: "module size (length - offset_of_module)", offset: Self.lengthFieldOffset,
                value: moduleSize, alignment: ImageLayout.pageSize)
        }
        // The published format (blob_structure.txt): a 2 KiB sigstruct, then zeros to the module.
        let paddingStart = Self.sigstructOffset + SigStruct.size
        if let bad = bytes.firstNonZeroOffset(in: paddingStart..<Self.standardModuleOffset) {
            throw .reservedNotZero(field: "reserved2", offset: bad, value: bytes[bad])
        }
        if let bad = bytes.firstNonZeroOffset(in: Self.standardModuleOffset..<moduleOffset) {
            throw .reservedNotZero(field: "reserved3", offset: bad, value: bytes[bad])
        }
        self.version = version
        self.checksum = bytes.readLE16(at: ImageLayout.checksumOffset)
        self.moduleOffset = moduleOffset
        self.length = length
    }
}

/// The number of 4 KiB pages needed to hold `byteCount` bytes.
func pagesCovering(_ byteCount: Int) -> Int {
    (byteCount + ImageLayout.pageSize - 1) / ImageLayout.pageSize
}
