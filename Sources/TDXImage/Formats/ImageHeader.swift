/// The validated header of either image format.
public enum ImageHeader: Sendable, Equatable {
    /// A published `tdx_blob` header.
    case v1(BlobV1Header)
    /// A mainline `tdx_image` header.
    case v2(ImageV2Header)

    /// The format this header belongs to.
    public var format: ImageFormat {
        switch self {
        case .v1: return .v1
        case .v2: return .v2
        }
    }

    /// The checksum word stored in the header.
    public var storedChecksum: UInt16 {
        switch self {
        case .v1(let header): return header.checksum
        case .v2(let header): return header.checksum
        }
    }
}
