import TDXImage
import TDXSysfs

extension SysfsLayout {
    /// The image format this kernel's upload accepts: v1 `tdx_blob` for the posted series
    /// that used `tdx_host/seamldr/` or `seamldr_upload`, v2 `tdx_image` for Linux 7.2.
    public var uploadFormat: ImageFormat { takesV1Blobs ? .v1 : .v2 }
}
