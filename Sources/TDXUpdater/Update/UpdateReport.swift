import TDXImage

/// Everything one `update` run found, decided and observed, for the human and JSON output.
public struct UpdateReport: Sendable {
    /// How it ended.
    public var result: UpdateResult
    /// One line saying what happened and, on failure, what to do next.
    public var message: String
    /// The host as read before anything was decided.
    public var hostBefore: HostStatus?
    /// The running version before the update, when readable.
    public var versionBefore: ModuleVersion?
    /// The version chosen for installation.
    public var target: ModuleVersion?
    /// The image file chosen.
    public var imagePath: String?
    /// The format uploaded (after any conversion).
    public var uploadFormat: ImageFormat?
    /// The format the chosen image was stored in, when it was converted.
    public var convertedFrom: ImageFormat?
    /// Size of the uploaded image in bytes.
    public var uploadBytes: Int?
    /// The checks that passed, in the order they were made.
    public var checks: [UpdateCheck] = []
    /// Newer images passed over on the way to the chosen one, with why.
    public var skipped: [SkippedImage] = []
    /// An upload a dead client left half done, found (and aborted) before this one.
    public var abandonedUpload: AbandonedUpload?
    /// Every status change seen while the upload ran.
    public var progress: [UploadProgress] = []
    /// What the firmware-upload files reported, nil when nothing was uploaded.
    public var upload: UploadOutcome?
    /// The module version read back after the upload, nil when nothing was uploaded.
    public var versionAfter: AttributeReading<ModuleVersion>?

    /// A report with a result and message, other fields empty.
    public init(result: UpdateResult, message: String) {
        self.result = result
        self.message = message
    }
}
