/// The lead CPU's two clock readings, in plain memory the procedure's lockstep orders:
/// written by one CPU inside the procedure, read by the caller after `run` returned.
/// A struct around a pointer, so binding it into every step retains nothing shared.
public struct LeadClock: @unchecked Sendable {
    private let readings = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)

    public init() { readings.initialize(repeating: 0, count: 2) }

    public func markStart() { readings[0] = monotonicNs() }
    public func markEnd() { readings[1] = monotonicNs() }

    /// From the first step's body to the last step's body of the latest procedure.
    public var elapsedNs: UInt64 { readings[1] &- readings[0] }
}
