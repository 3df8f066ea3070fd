import TDXSysfs

/// One observation of an upload in flight, reported whenever status or remaining size
/// changes.
public struct UploadProgress: Hashable, Sendable {
    /// The `status` attribute.
    public let status: UploadStatus
    /// The `remaining_size` attribute (bytes the driver has yet to take), when readable.
    public let remainingSize: Int?
    /// Time since the image was handed to the kernel (`loading` 0 written).
    public let elapsed: Duration

    /// A progress record from its parts.
    public init(status: UploadStatus, remainingSize: Int?, elapsed: Duration) {
        self.status = status
        self.remainingSize = remainingSize
        self.elapsed = elapsed
    }
}
