/// Repeated measurements of one quantity (ns per operation) and their summary.
///
/// Benchmarks on a shared 2-core machine are noisy: one other runnable thread can
/// multiply a hand-off's cost. The median over several repetitions is the number we
/// report; minimum and maximum show the spread.
public struct Sample: Sendable, Codable {
    /// Every repetition's result, in ns per operation, in the order measured.
    public let values: [Double]
    /// Operations per repetition (after calibration).
    public let operationsPerRepetition: Int64

    /// Creates a sample from per-repetition results.
    public init(values: [Double], operationsPerRepetition: Int64) {
        self.values = values
        self.operationsPerRepetition = operationsPerRepetition
    }

    /// The median repetition (the mean of the middle two for an even count).
    public var median: Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The fastest repetition.
    public var minimum: Double { values.min() ?? .nan }

    /// The slowest repetition.
    public var maximum: Double { values.max() ?? .nan }

    enum CodingKeys: String, CodingKey {
        case values
        case operationsPerRepetition = "operations_per_repetition"
    }
}
