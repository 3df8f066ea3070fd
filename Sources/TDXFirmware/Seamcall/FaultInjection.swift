/// A rule that makes a leaf fail with a chosen status, for testing how callers handle firmware errors.
///
/// The host's `--inject STEP:CPU[:STATUS]` turns into one of these. A matching call returns `status`
/// without running the leaf (no state changes), and the platform records it in `injectedFaults`.
public struct FaultInjection: Hashable, Sendable, CustomStringConvertible {
    /// The leaf to fail.
    public var leaf: SeamcallLeaf
    /// The LP on which to fail it; nil fails it on any LP.
    public var lp: Int?
    /// The status to return.
    public var status: SeamcallStatus
    /// How many matching calls to fail; nil fails every one.
    public var remaining: Int?

    /// Creates a rule; by default it fires once.
    public init(leaf: SeamcallLeaf, lp: Int?, status: SeamcallStatus, remaining: Int? = 1) {
        self.leaf = leaf
        self.lp = lp
        self.status = status
        self.remaining = remaining
    }

    /// The status a leaf most plausibly fails with when none is given: the one the spec's fault-injection
    /// list names for it (shutdown → `TDX_SYS_BUSY`, install → `PSEAMLDR_EBADSIG`, init → `TDX_SYS_BUSY`,
    /// LP init → `TDX_SYS_LP_INIT_DONE`, update → `TDX_SYS_INVALID_HANDOFF`).
    public static func defaultStatus(for leaf: SeamcallLeaf) -> SeamcallStatus {
        switch leaf {
        case .sysShutdown: .sysBusy
        case .seamldrInstall: .seamldrBadSignature
        case .seamldrInfo: .seamldrBadParam
        case .sysInit: .sysBusy
        case .sysLPInit: .sysLPInitDone
        case .sysUpdate: .sysInvalidHandoff
        case .sysRead: .metadataFieldIDIncorrect
        default: .operandBusy
        }
    }

    /// `TDH.SYS.SHUTDOWN (52) on LP 0 -> TDX_SYS_BUSY (0x...)`.
    public var description: String {
        let where_ = lp.map { "LP \($0)" } ?? "any LP"
        let times = remaining.map { " x\($0)" } ?? " always"
        return "\(leaf) on \(where_) -> \(status)\(times)"
    }
}
