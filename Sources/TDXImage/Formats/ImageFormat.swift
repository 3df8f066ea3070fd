/// The two container formats a TDX module image comes in.
public enum ImageFormat: String, Sendable, Codable, CaseIterable {
    /// Intel's published `tdx_blob` (version 0x100): a 4 KiB header with an offset to the module.
    case v1
    /// Mainline Linux's `tdx_image` (version 0x200): a 4 KiB header with page counts.
    case v2

    /// The value of the 16-bit version field at offset 0 that identifies the format.
    public var versionField: UInt16 {
        switch self {
        case .v1: return 0x0100
        case .v2: return 0x0200
        }
    }
}

/// Sizes and limits shared by both image formats.
public enum ImageLayout {
    /// Images are laid out in 4 KiB pages.
    public static let pageSize = 4096
    /// The header of either format is one page.
    public static let headerSize = 4096
    /// The most module pages P-SEAMLDR's parameter block can list (`SEAMLDR_MAX_NR_MODULE_PAGES`).
    public static let maxModulePages = 496
    /// The 8-byte signature both formats carry.
    public static let magic: [UInt8] = Array("TDX-BLOB".utf8)
    /// Offset of the 16-bit checksum field in both formats.
    public static let checksumOffset = 2
}
