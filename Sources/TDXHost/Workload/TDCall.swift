/// One TD SEAMCALL as the workload saw it: when it returned (monotonic ns) and whether it
/// succeeded.
public struct TDCall: Sendable, Hashable {
    /// When the call returned (monotonic ns, the clock of the engine's reports).
    public var ns: UInt64
    /// Whether it returned success.
    public var succeeded: Bool

    /// A call that returned at `ns`.
    public init(ns: UInt64, succeeded: Bool) {
        self.ns = ns
        self.succeeded = succeeded
    }
}
