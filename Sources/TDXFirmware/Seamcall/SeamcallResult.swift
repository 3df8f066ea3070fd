/// What a raw SEAMCALL returns: RAX (the status) and the output registers.
public struct SeamcallResult: Hashable, Sendable {
    /// RAX.
    public var status: SeamcallStatus
    /// Output registers (leaf-specific; zero when the leaf has none or failed).
    public var output: SeamcallRegisters
}
