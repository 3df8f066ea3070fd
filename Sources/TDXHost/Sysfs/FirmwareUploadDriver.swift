import TDXSysfs

/// The operations a firmware-upload driver provides (the kernel's `fw_upload_ops`).
///
/// The core calls them from its worker thread, never two at once for one device.
public protocol FirmwareUploadDriver: Sendable {
    /// Called once before the first `write`; nil means success.
    func prepare(_ image: [UInt8]) -> UploadError?
    /// Transfers `image[offset...]`; returns how many bytes it consumed, or an error.
    func write(_ image: [UInt8], offset: Int) -> Result<Int, UploadError>
    /// Called after the last `write`; nil means success.
    func pollComplete() -> UploadError?
    /// The user wrote 1 to `cancel` while an upload was in progress.
    func cancel()
}
