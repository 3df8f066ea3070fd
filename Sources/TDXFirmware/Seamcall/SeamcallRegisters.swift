/// General-purpose registers at SEAMCALL and at SEAMRET, as far as the modelled leaves use them.
public struct SeamcallRegisters: Hashable, Sendable {
    /// RCX.
    public var rcx: UInt64
    /// RDX.
    public var rdx: UInt64
    /// R8.
    public var r8: UInt64
    /// R9.
    public var r9: UInt64

    /// Registers with the given values (zero by default).
    public init(rcx: UInt64 = 0, rdx: UInt64 = 0, r8: UInt64 = 0, r9: UInt64 = 0) {
        self.rcx = rcx
        self.rdx = rdx
        self.r8 = r8
        self.r9 = r9
    }
}
