/// How far one TD's workload got: its SEAMCALLs and the longest time it went without a
/// successful one (its own blackout, which includes the update's stop).
public struct TDProgress: Sendable, Codable, Hashable {
    /// The TD's index.
    public var td: Int
    /// Successful TD SEAMCALLs so far.
    public var successfulCalls: Int
    /// Failed TD SEAMCALLs so far (after a fatal update: the module is gone).
    public var failedCalls: Int
    /// The last failure's status name, if any call failed.
    public var lastFailure: String?
    /// The longest gap between two successful calls, in ns.
    public var longestGapNs: UInt64

    enum CodingKeys: String, CodingKey {
        case td
        case successfulCalls = "successful_calls"
        case failedCalls = "failed_calls"
        case lastFailure = "last_failure"
        case longestGapNs = "longest_gap_ns"
    }
}
