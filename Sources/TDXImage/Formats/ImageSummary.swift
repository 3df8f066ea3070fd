/// What a listing keeps of an image instead of its bytes: the header facts, the sigstruct
/// (2 KiB), the length, and the SHA-384 of the bytes as read -- in two parts that together
/// cover every byte: the container (header and sigstruct pages) and the module, whose
/// SHA-384 verification computes anyway. Hundreds of images list in little memory, and the
/// one chosen can be read again and proven the same.
public struct ImageSummary: Sendable, Equatable {
    /// The container format.
    public let format: ImageFormat
    /// Total length in bytes.
    public let length: Int
    /// SHA-384 of the bytes before the module (header, sigstruct, padding).
    public let containerSHA384: [UInt8]
    /// SHA-384 of the module bytes.
    public let moduleSHA384: [UInt8]
    /// The parsed sigstruct.
    public let sigstruct: SigStruct
    /// Number of 4 KiB module pages.
    public let modulePages: Int
    /// The checksum word stored in the header.
    public let storedChecksum: UInt16

    /// The summary of `image`; `moduleSHA384` is the module's digest when already known
    /// (``VerificationReport/moduleHash``), else computed.
    public init(_ image: ModuleImage, moduleSHA384: [UInt8]? = nil) {
        format = image.format
        length = image.length
        (containerSHA384, self.moduleSHA384) = Self.digests(of: image, knownModuleDigest: moduleSHA384)
        sigstruct = image.sigstruct
        modulePages = image.modulePages
        storedChecksum = image.storedChecksum
    }

    /// Whether `image` has exactly the length and the two SHA-384s summarised.
    public func matches(_ image: ModuleImage) -> Bool {
        guard image.length == length, image.moduleRange.lowerBound == length - modulePages * ImageLayout.pageSize
        else { return false }
        let (container, module) = Self.digests(of: image, knownModuleDigest: nil)
        return container == containerSHA384 && module == moduleSHA384
    }

    private static func digests(of image: ModuleImage, knownModuleDigest: [UInt8]?) -> ([UInt8], [UInt8]) {
        image.bytes.withUnsafeBytes { buffer in
            let container = sha384(UnsafeRawBufferPointer(rebasing: buffer[..<image.moduleRange.lowerBound]))
            let module = knownModuleDigest ?? sha384(UnsafeRawBufferPointer(rebasing: buffer[image.moduleRange]))
            return (container, module)
        }
    }
}
