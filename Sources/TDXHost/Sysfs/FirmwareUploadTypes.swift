/// Where an upload stands, as the fw_upload core's `status` file shows it.
public enum FirmwareUploadProgress: String, Sendable, Codable, CaseIterable {
    /// No upload in progress; `error` is readable.
    case idle
    /// `loading` went 1 -> 0; the worker is queued.
    case receiving
    /// The worker runs the driver's `prepare`.
    case preparing
    /// The worker runs the driver's `write` (for TDX: the whole update happens here).
    case transferring
    /// The worker runs the driver's `poll_complete`.
    case programming
}

/// The fw_upload error codes with the strings the kernel prints in `error`.
public enum FirmwareUploadErrorCode: String, Sendable, Codable, CaseIterable, Error {
    /// FW_UPLOAD_ERR_HW_ERROR.
    case hwError = "hw-error"
    /// FW_UPLOAD_ERR_TIMEOUT.
    case timeout = "timeout"
    /// FW_UPLOAD_ERR_CANCELED.
    case userAbort = "user-abort"
    /// FW_UPLOAD_ERR_BUSY.
    case deviceBusy = "device-busy"
    /// FW_UPLOAD_ERR_INVALID_SIZE.
    case invalidFileSize = "invalid-file-size"
    /// FW_UPLOAD_ERR_RW_ERROR (also: a write that made no progress).
    case readWriteError = "read-write-error"
    /// FW_UPLOAD_ERR_WEAROUT.
    case flashWearout = "flash-wearout"
    /// FW_UPLOAD_ERR_FW_INVALID: what the TDX driver reports for every failure.
    case firmwareInvalid = "firmware-invalid"
}

/// The operations a firmware-upload driver provides (the kernel's `fw_upload_ops`).
///
/// The core calls them from its worker thread, never two at once for one device.
public protocol FirmwareUploadDriver: Sendable {
    /// Called once before the first `write`; nil means success.
    func prepare(_ image: [UInt8]) -> FirmwareUploadErrorCode?
    /// Transfers `image[offset...]`; returns how many bytes it consumed, or an error.
    func write(_ image: [UInt8], offset: Int) -> Result<Int, FirmwareUploadErrorCode>
    /// Called after the last `write`; nil means success.
    func pollComplete() -> FirmwareUploadErrorCode?
    /// The user wrote 1 to `cancel` while an upload was in progress.
    func cancel()
}
