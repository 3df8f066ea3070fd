import TDXImage

/// What the operator asked `update` to do.
public struct UpdateRequest: Sendable, Equatable {
    /// The version to install; nil picks the newest eligible image.
    public var version: ModuleVersion?
    /// Consider debug modules.
    public var allowDebug: Bool
    /// Reinstall the running version (spends one of the remaining updates).
    public var force: Bool
    /// Check and prepare everything, upload nothing.
    public var dryRun: Bool
    /// How long to wait for the kernel to finish the upload.
    public var timeout: Duration
    /// The format to upload; nil uses what the host's interface generation accepts.
    public var format: ImageFormat?

    /// A request; by default: newest eligible image, no debug, no force, 120 s timeout.
    public init(
        version: ModuleVersion? = nil, allowDebug: Bool = false, force: Bool = false, dryRun: Bool = false,
        timeout: Duration = .seconds(120), format: ImageFormat? = nil
    ) {
        self.version = version
        self.allowDebug = allowDebug
        self.force = force
        self.dryRun = dryRun
        self.timeout = timeout
        self.format = format
    }
}
