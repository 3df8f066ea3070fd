/// One TD's most recent SEAMCALLs, oldest first, as `TDWorkloads.recentCalls()` returns them.
public struct TDCallHistory: Sendable, Hashable {
    /// The TD's index.
    public var td: Int
    /// Its recent calls, oldest first (at most the ring's capacity).
    public var calls: [TDCall]
    /// The status name of the last failed call, if any call failed.
    public var lastFailure: String?

    /// The history of TD `td`.
    public init(td: Int, calls: [TDCall], lastFailure: String? = nil) {
        self.td = td
        self.calls = calls
        self.lastFailure = lastFailure
    }
}
