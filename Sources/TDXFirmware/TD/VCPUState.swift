/// A vCPU's architectural state as the model keeps it in the TD's TDVPS pages (outside the SEAM range).
public struct VCPUState: Hashable, Sendable, Codable {
    /// Guest instruction pointer.
    public var rip: UInt64 = 0xFFFF_FFF0
    /// Guest RAX: the guest program's running value.
    public var rax: UInt64 = 0
    /// Guest RBX: a checksum of everything the guest wrote.
    public var rbx: UInt64 = 0
    /// How many times TDH.VP.ENTER ran this vCPU.
    public var enterCount: UInt64 = 0
    /// Set when TDH.VP.INIT is done (TDH.VP.CREATE does it in this model).
    public var initialized = true

    /// A vCPU at reset.
    public init() {}
}
