/// A SEAMCALL that returned an error status: which leaf, on which LP, with what status.
public struct SeamcallFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The leaf that failed.
    public var leaf: SeamcallLeaf
    /// The logical processor that made the call.
    public var lp: Int
    /// The status in RAX.
    public var status: SeamcallStatus
    /// True when a fault-injection rule produced this status instead of the model.
    public var injected: Bool
    /// Why the model refused, in words (what to do next where that is known).
    public var reason: String

    /// Creates a failure record.
    public init(leaf: SeamcallLeaf, lp: Int, status: SeamcallStatus, injected: Bool = false, reason: String = "") {
        self.leaf = leaf
        self.lp = lp
        self.status = status
        self.injected = injected
        self.reason = reason
    }

    /// `SEAMCALL TDH.SYS.UPDATE (53) on LP 3 failed: TDX_SYS_STATE_INCORRECT (0x...): reason`.
    public var description: String {
        var text = "SEAMCALL \(leaf) on LP \(lp) failed: \(status)"
        if injected { text += " [injected]" }
        if !reason.isEmpty { text += ": \(reason)" }
        return text
    }
}
