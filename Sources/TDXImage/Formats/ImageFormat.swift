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
