/// A TDX module image, v1 or v2, whose container has been fully validated: the header, the
/// sigstruct's structure and the module's placement. The bytes are kept as read, so
/// verification and conversion work on exactly what the firmware would see.
///
/// Parsing does not verify the checksum, the signature or the module hash; call
/// ``verify(trusting:)`` for that, which reports each check separately.
public struct ModuleImage: Sendable, Equatable {
    /// The whole image as read.
    public let bytes: [UInt8]
    /// The validated header.
    public let header: ImageHeader
    /// The parsed sigstruct.
    public let sigstruct: SigStruct
    /// Where the module binary lies within ``bytes``.
    public let moduleRange: Range<Int>

    /// Parses an image of either format, chosen by the version field at offset 0.
    /// - Throws: ``ImageError`` for the first rule the bytes break.
    public init(parsing bytes: [UInt8]) throws(ImageError) {
        guard bytes.count >= ImageLayout.headerSize else {
            throw .truncated(structure: "image header", required: ImageLayout.headerSize, actual: bytes.count)
        }
        let version = bytes.readLE16(at: 0)
        switch version {
        case ImageFormat.v1.versionField:
            try self.init(parsingV1: bytes)
        case ImageFormat.v2.versionField:
            try self.init(parsingV2: bytes)
        default:
            throw .unsupportedVersion(
                offset: 0, actual: version, expected: ImageFormat.allCases.map(\.versionField))
        }
    }

    /// Parses a published `tdx_blob` (v1).
    /// - Throws: ``ImageError`` for the first rule the bytes break (see ``BlobV1Header``).
    public init(parsingV1 bytes: [UInt8]) throws(ImageError) {
        let header = try BlobV1Header(validating: bytes)
        let start = BlobV1Header.sigstructOffset
        let sigstruct = try SigStruct(parsing: Array(bytes[start..<(start + SigStruct.size)]))
        self.init(
            bytes: bytes, header: .v1(header), sigstruct: sigstruct, moduleRange: header.moduleOffset..<bytes.count)
    }

    /// Parses a mainline `tdx_image` (v2).
    /// - Throws: ``ImageError`` for the first rule the bytes break (see ``ImageV2Header``),
    ///   when the image has no sigstruct page or no module page, which P-SEAMLDR rejects, or
    ///   when the rest of the sigstruct page after its 2 KiB is not zero (a non-canonical
    ///   image: refused rather than rebuilt, so the uploaded bytes are the verified ones).
    public init(parsingV2 bytes: [UInt8]) throws(ImageError) {
        let header = try ImageV2Header(validating: bytes)
        guard header.sigstructPages == 1 else {
            throw .pageCountOutOfRange(
                field: "sigstruct_nr_pages", offset: ImageV2Header.sigstructPagesOffset,
                pages: header.sigstructPages, allowed: 1...1)
        }
        guard header.modulePages >= 1 else {
            throw .pageCountOutOfRange(
                field: "module_nr_pages", offset: ImageV2Header.modulePagesOffset, pages: header.modulePages,
                allowed: 1...ImageLayout.maxModulePages)
        }
        let start = ImageLayout.headerSize
        let sigstruct = try SigStruct(parsing: Array(bytes[start..<(start + SigStruct.size)]))
        let moduleStart = start + ImageLayout.pageSize * header.sigstructPages
        // Canonical: nothing but zeros after the 2 KiB sigstruct in its page, so the bytes
        // uploaded are exactly the bytes verified (the signature does not cover them).
        if let bad = bytes.firstNonZeroOffset(in: (start + SigStruct.size)..<moduleStart) {
            throw .reservedNotZero(field: "sigstruct page remainder", offset: bad, value: bytes[bad])
        }
        self.init(bytes: bytes, header: .v2(header), sigstruct: sigstruct, moduleRange: moduleStart..<bytes.count)
    }

    init(bytes: [UInt8], header: ImageHeader, sigstruct: SigStruct, moduleRange: Range<Int>) {
        self.bytes = bytes
        self.header = header
        self.sigstruct = sigstruct
        self.moduleRange = moduleRange
    }

    /// The container format.
    public var format: ImageFormat { header.format }
    /// Total length in bytes.
    public var length: Int { bytes.count }
    /// The module binary (no copy).
    public var module: ArraySlice<UInt8> { bytes[moduleRange] }
    /// Number of 4 KiB module pages.
    public var modulePages: Int { moduleRange.count / ImageLayout.pageSize }
    /// The checksum word stored in the header.
    public var storedChecksum: UInt16 { header.storedChecksum }

    /// The module version: from a `tdx_module_X.Y.Z` file name when given and matching,
    /// else the one recorded in the sigstruct, else nil.
    public func version(fileName: String? = nil) -> ModuleVersion? {
        if let fileName, let version = ModuleVersion(fileName: fileName) { return version }
        return sigstruct.embeddedVersion
    }
}
