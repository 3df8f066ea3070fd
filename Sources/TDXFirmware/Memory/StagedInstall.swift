/// An image staged in ``PhysicalMemory`` for SEAMLDR.INSTALL.
public struct StagedInstall: Hashable, Sendable {
    /// PA of the SEAMLDR_PARAMS page: pass it to SEAMLDR.INSTALL on every LP.
    public var paramsAddress: UInt64
    /// The params as written.
    public var params: SeamldrParams
    /// Every page used, for ``PhysicalMemory/free(_:)`` once the install step is over.
    public var pages: [UInt64]
}
