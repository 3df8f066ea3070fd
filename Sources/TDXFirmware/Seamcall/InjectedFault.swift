/// A call that a ``FaultInjection`` rule failed.
public struct InjectedFault: Hashable, Sendable {
    /// The leaf that was failed.
    public var leaf: SeamcallLeaf
    /// The LP that made the call.
    public var lp: Int
    /// The injected status.
    public var status: SeamcallStatus
}
