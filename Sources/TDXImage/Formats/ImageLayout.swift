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
