/// One TD's SEAMCALLs around the update (monotonic ns, when each call returned).
public struct TDLane: Sendable, Hashable {
    /// The TD's index.
    public var td: Int
    /// When each successful call returned, ascending.
    public var calls: [UInt64]
    /// When each failed call returned, ascending.
    public var failedCalls: [UInt64]
    /// The status name of the failed calls (the last one's), if any failed.
    public var failureStatus: String?

    /// A lane for TD `td`; the times are sorted here.
    public init(td: Int, calls: [UInt64], failedCalls: [UInt64] = [], failureStatus: String? = nil) {
        self.td = td
        self.calls = calls.sorted()
        self.failedCalls = failedCalls.sorted()
        self.failureStatus = failureStatus
    }

    /// The TD's gap across `stop`: from its last successful call before the gate reopened
    /// (at the latest when the drain ended) to its first one after. Nil when it has no
    /// successful call on one side (its history does not reach back, or it never ran again).
    public func gap(around stop: StopInterval) -> ClosedRange<UInt64>? {
        let firstAfter = calls.partitionIndex(where: { $0 >= stop.reopenedNs })
        guard firstAfter > 0, firstAfter < calls.count else { return nil }
        return calls[firstAfter - 1]...calls[firstAfter]
    }

    /// The last successful call before the gate reopened.
    func lastSuccessBefore(_ stop: StopInterval) -> UInt64? {
        let firstAfter = calls.partitionIndex(where: { $0 >= stop.reopenedNs })
        return firstAfter > 0 ? calls[firstAfter - 1] : nil
    }

    /// The first call after the gate reopened, successful or failed.
    func firstCallAfter(_ stop: StopInterval) -> UInt64? {
        let success = calls.partitionIndex(where: { $0 >= stop.reopenedNs })
        let failure = failedCalls.partitionIndex(where: { $0 >= stop.reopenedNs })
        return [calls[safe: success], failedCalls[safe: failure]].compactMap { $0 }.min()
    }
}

extension Array where Element == UInt64 {
    subscript(safe index: Int) -> UInt64? { indices.contains(index) ? self[index] : nil }

    /// The first index whose element satisfies `predicate`, which must be false then true
    /// along the (sorted) array; `count` when none does.
    func partitionIndex(where predicate: (UInt64) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
