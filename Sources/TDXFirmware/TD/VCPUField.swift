/// A vCPU field readable with TDH.VP.RD in this model.
public enum VCPUField: UInt64, Hashable, Sendable, CaseIterable {
    /// Guest RIP.
    case rip = 0xA000_0003_0000_0001
    /// Guest RAX.
    case rax = 0xA000_0003_0000_0002
    /// Guest RBX.
    case rbx = 0xA000_0003_0000_0003
    /// Number of TDH.VP.ENTER calls so far.
    case enterCount = 0xA000_0003_0000_0004
}
