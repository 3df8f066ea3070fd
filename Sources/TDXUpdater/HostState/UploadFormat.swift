/// The image format a kernel's firmware upload accepts.
public enum UploadFormat: String, Hashable, Sendable, CaseIterable {
    /// Intel's published `tdx_blob` (version 0x100): series v3–v8.
    case v1
    /// Mainline's `tdx_image` (version 0x200).
    case v2
}
