/// Individually timed operations of one kind, in ns, and their percentiles.
struct Latencies: Codable, Sendable {
    private(set) var values: [Double] = []

    mutating func append(_ ns: UInt64) { values.append(Double(ns)) }

    /// The `fraction` percentile (0.5: median) by nearest rank.
    func percentile(_ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var median: Double { percentile(0.5) }

    enum CodingKeys: String, CodingKey {
        case median, p90, p99, count
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(median, forKey: .median)
        try container.encode(percentile(0.9), forKey: .p90)
        try container.encode(percentile(0.99), forKey: .p99)
        try container.encode(values.count, forKey: .count)
    }

    init() {}

    init(from decoder: any Decoder) throws {
        values = []
    }
}
