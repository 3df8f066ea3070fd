/// What a listing keeps of an image instead of its bytes: the header facts, the sigstruct
/// (2 KiB), and the length and SHA-384 of the bytes as read, so hundreds of images can be
/// listed in little memory and the one chosen can be read again and proven the same.
public struct ImageSummary: Sendable, Equatable {
    /// The container format.
    public let format: ImageFormat
    /// Total length in bytes.
    public let length: Int
    /// SHA-384 of all ``length`` bytes.
    public let sha384: [UInt8]
    /// The parsed sigstruct.
    public let sigstruct: SigStruct
    /// Number of 4 KiB module pages.
    public let modulePages: Int
    /// The checksum word stored in the header.
    public let storedChecksum: UInt16

    /// The summary of `image`.
    public init(_ image: ModuleImage) {
        format = image.format
        length = image.length
        sha384 = image.bytes.withUnsafeBytes { sha384Digest($0) }
        sigstruct = image.sigstruct
        modulePages = image.modulePages
        storedChecksum = image.storedChecksum
    }

    /// Whether `image` has exactly the length and SHA-384 summarised.
    public func matches(_ image: ModuleImage) -> Bool {
        image.length == length && image.bytes.withUnsafeBytes { sha384Digest($0) } == sha384
    }
}

/// SHA-384 of a buffer (the module's one hashing helper, under another name here so the
/// summary's property can be called `sha384`).
private func sha384Digest(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
    sha384(buffer)
}
