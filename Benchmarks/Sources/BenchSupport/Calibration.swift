import BenchBaselines

/// One thing to measure: `run(count)` performs `count` operations and returns ns per
/// operation (or throws when it cannot run).
public struct Contender {
    /// The name used for keys and progress lines.
    public let name: String
    /// The smallest operation count worth running (slow operations need few).
    public let minimum: Int64
    /// Performs the given number of operations and returns ns per operation.
    public let run: (Int64) throws -> Double

    /// Creates a contender.
    public init(_ name: String, minimum: Int64 = 16, run: @escaping (Int64) throws -> Double) {
        self.name = name
        self.minimum = minimum
        self.run = run
    }
}

/// How long each measurement runs: the time one repetition should take and how many
/// repetitions give the median.
public struct MeasurementPlan: Sendable {
    /// Wall time one repetition should take, in ns.
    public let targetRepetitionNs: Double
    /// Repetitions per measurement; the median of them is reported.
    public let repetitions: Int

    /// Creates a plan.
    public init(targetRepetitionNs: Double, repetitions: Int) {
        self.targetRepetitionNs = targetRepetitionNs
        self.repetitions = repetitions
    }

    /// The default: 7 repetitions of about 60 ms each.
    public static let full = MeasurementPlan(targetRepetitionNs: 60_000_000, repetitions: 7)
    /// Quick mode: 3 repetitions of about 15 ms each (for smoke runs, not for numbers).
    public static let quick = MeasurementPlan(targetRepetitionNs: 15_000_000, repetitions: 3)

    /// The operation count that makes one repetition of `contender` take about
    /// `targetRepetitionNs`: grows from the contender's minimum until a run is long
    /// enough to extrapolate from, capped at `maximum`.
    public func calibrate(_ contender: Contender, maximum: Int64 = 50_000_000) throws -> Int64 {
        var count = contender.minimum
        var perOperation = try contender.run(count)
        while perOperation * Double(count) < targetRepetitionNs / 4 && count < maximum {
            count = min(maximum, count * 4)
            perOperation = try contender.run(count)
        }
        guard perOperation > 0 else { return count }
        return Swift.max(contender.minimum, Swift.min(maximum, Int64(targetRepetitionNs / perOperation)))
    }

    /// Calibrates every contender, then runs the repetitions round-robin (repetition 1 of
    /// each, then repetition 2 of each, ...) so that a change in machine load during the
    /// run hits every contender alike and the ratios between them stay fair. Returns one
    /// sample per contender, in the given order.
    public func measureInterleaved(_ contenders: [Contender], progress: (String) -> Void = { _ in }) throws
        -> [Sample]
    {
        var counts: [Int64] = []
        for contender in contenders {
            counts.append(try calibrate(contender))
        }
        var values = [[Double]](repeating: [], count: contenders.count)
        for _ in 0..<repetitions {
            for (index, contender) in contenders.enumerated() {
                values[index].append(try contender.run(counts[index]))
            }
        }
        return contenders.indices.map { index in
            let sample = Sample(values: values[index], operationsPerRepetition: counts[index])
            progress("  \(contenders[index].name): median \(formatNs(sample.median))")
            return sample
        }
    }
}

/// The monotonic clock in ns.
public func monotonicNs() -> UInt64 { bench_monotonic_ns() }

/// CPU time of the calling thread in ns.
public func threadCPUNs() -> UInt64 { bench_thread_cpu_ns() }

/// CPU time of waited-for child processes in ns.
public func childrenCPUNs() -> UInt64 { bench_children_cpu_ns() }
