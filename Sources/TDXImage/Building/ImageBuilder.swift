/// Builds images from a module binary and its sigstruct, and converts between formats.
///
/// Intel publishes v1 blobs and separate `.bin` + `.sigstruct` files; mainline Linux accepts
/// only v2. The sigstruct and module bytes are never changed, so the signature and seamhash
/// stay valid; only the container and its checksum are new.
public enum ImageBuilder {
    /// Joins a module and its sigstruct into an image of `format`.
    /// - Parameters:
    ///   - module: the module binary; a non-empty multiple of 4 KiB, at most 496 pages.
    ///   - sigstruct: exactly 2048 bytes, structurally valid.
    ///   - format: `.v2` (what mainline accepts) or `.v1` (what Intel's `blob_join.sh` writes).
    /// - Returns: the parsed image, checksum set.
    /// - Throws: ``ImageError`` when the inputs cannot form a valid image.
    public static func join(
        module: some Collection<UInt8>, sigstruct: [UInt8], format: ImageFormat
    ) throws(ImageError) -> ModuleImage {
        let parsedSigstruct = try SigStruct(parsing: sigstruct)
        guard !module.isEmpty else {
            throw .invalidBuildInput("the module binary is empty")
        }
        guard module.count % ImageLayout.pageSize == 0 else {
            throw .invalidBuildInput(
                "the module binary is \(module.count) bytes, not a multiple of 4096; "
                    + "images carry whole pages (every Intel release is page-aligned)")
        }
        guard module.count / ImageLayout.pageSize <= ImageLayout.maxModulePages else {
            throw .invalidBuildInput(
                "the module binary is \(module.count / ImageLayout.pageSize) pages, "
                    + "P-SEAMLDR accepts at most \(ImageLayout.maxModulePages)")
        }
        var bytes: [UInt8]
        switch format {
        case .v1: bytes = v1Bytes(module: module, sigstruct: sigstruct)
        case .v2: bytes = v2Bytes(module: module, sigstruct: sigstruct)
        }
        ImageChecksum.update(&bytes)
        let header: ImageHeader
        switch format {
        case .v1: header = .v1(try BlobV1Header(validating: bytes))
        case .v2: header = .v2(try ImageV2Header(validating: bytes))
        }
        let moduleStart = bytes.count - module.count
        return ModuleImage(
            bytes: bytes, header: header, sigstruct: parsedSigstruct, moduleRange: moduleStart..<bytes.count)
    }

    /// Re-packs an image in another format, keeping its sigstruct and module bytes identical.
    /// Converting to the image's own format returns it unchanged.
    public static func convert(_ image: ModuleImage, to format: ImageFormat) throws(ImageError) -> ModuleImage {
        guard image.format != format else { return image }
        return try join(module: image.module, sigstruct: image.sigstruct.bytes, format: format)
    }

    private static func v1Bytes(module: some Collection<UInt8>, sigstruct: [UInt8]) -> [UInt8] {
        let moduleOffset = BlobV1Header.standardModuleOffset
        var bytes = [UInt8](repeating: 0, count: moduleOffset)
        bytes.reserveCapacity(moduleOffset + module.count)
        bytes.writeLE16(ImageFormat.v1.versionField, at: 0)
        bytes.writeLE32(UInt32(moduleOffset), at: BlobV1Header.moduleOffsetFieldOffset)
        bytes.writeBytes(ImageLayout.magic, at: BlobV1Header.magicOffset)
        bytes.writeLE32(UInt32(moduleOffset + module.count), at: BlobV1Header.lengthFieldOffset)
        bytes.writeBytes(sigstruct, at: BlobV1Header.sigstructOffset)
        bytes.append(contentsOf: module)
        return bytes
    }

    private static func v2Bytes(module: some Collection<UInt8>, sigstruct: [UInt8]) -> [UInt8] {
        let payloadStart = ImageLayout.headerSize + ImageLayout.pageSize
        var bytes = [UInt8](repeating: 0, count: payloadStart)
        bytes.reserveCapacity(payloadStart + module.count)
        bytes.writeLE16(ImageFormat.v2.versionField, at: 0)
        bytes.writeBytes(ImageLayout.magic, at: ImageV2Header.magicOffset)
        bytes.writeLE32(1, at: ImageV2Header.sigstructPagesOffset)
        bytes.writeLE32(UInt32(module.count / ImageLayout.pageSize), at: ImageV2Header.modulePagesOffset)
        bytes.writeBytes(sigstruct, at: ImageLayout.headerSize)
        bytes.append(contentsOf: module)
        return bytes
    }
}
