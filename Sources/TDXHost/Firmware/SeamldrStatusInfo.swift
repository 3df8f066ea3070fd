import TDXImage

/// What SEAMLDR.INFO tells the kernel.
public struct SeamldrStatusInfo: Sendable, Hashable {
    /// The P-SEAMLDR version.
    public var version: ModuleVersion
    /// How many more runtime updates the P-SEAMLDR accepts.
    public var remainingUpdates: UInt32

    /// Creates the info.
    public init(version: ModuleVersion, remainingUpdates: UInt32) {
        self.version = version
        self.remainingUpdates = remainingUpdates
    }
}
