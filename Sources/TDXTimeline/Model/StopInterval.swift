/// The stop-the-world around the steps (monotonic ns): the gate closed, every TD call in
/// flight left (the drain), the gate reopened. Closed to reopened is the TDs' blackout.
public struct StopInterval: Sendable, Hashable {
    /// When the gate closed.
    public var closedNs: UInt64
    /// When the last gate user left.
    public var drainedNs: UInt64
    /// When the gate reopened.
    public var reopenedNs: UInt64

    /// A stop with its three instants; they are put in order if given out of it.
    public init(closedNs: UInt64, drainedNs: UInt64, reopenedNs: UInt64) {
        self.closedNs = closedNs
        self.drainedNs = max(closedNs, drainedNs)
        self.reopenedNs = max(self.drainedNs, reopenedNs)
    }

    /// Closed to reopened (ns).
    public var blackoutNs: UInt64 { reopenedNs - closedNs }
    /// Closed to drained (ns).
    public var drainNs: UInt64 { drainedNs - closedNs }
}
