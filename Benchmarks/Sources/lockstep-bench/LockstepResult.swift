import BenchSupport

/// Everything one lockstep-bench run measured; encodes to the documented JSON object.
struct LockstepResult: Encodable {
    /// Per mechanism: median ns per step with 2 pinned CPUs.
    var stepNs: [String: Double] = [:]
    /// Per mechanism: the fastest repetition with 2 pinned CPUs (the least disturbed by
    /// other load; compare with the median to judge how loaded the machine was).
    var stepNsBest: [String: Double] = [:]
    /// Per thread count ("4", "8"), per mechanism: median ns per step, unpinned threads.
    var oversubscribed: [String: [String: Double]] = [:]
    /// Per-CPU cost of one serial step of the engine (serial step time / CPUs), 2 CPUs.
    var serialHandoffNs: Double?
    /// One whole serial step of the engine, 2 CPUs.
    var serialStepNs: Double?
    /// `GateToken.enter()` + `leave()` with no stop pending, one thread.
    var gateEnterLeaveNs: Double?
    /// The serial step, a concurrent step and the ping-pong measured interleaved in one
    /// group, so the hand-off ratio compares numbers taken under the same load.
    var serialSideBySide: SerialSideBySide?
    /// Every measurement with its spread, for readers who want more than medians.
    var measurements: [Measurement] = []
    var machine: Machine
    var mode: String
    var repetitions: Int

    /// One measured quantity.
    struct Measurement: Encodable {
        let name: String
        let threads: Int
        let pinned: Bool
        let medianNs: Double
        let minimumNs: Double
        let maximumNs: Double
        let operationsPerRepetition: Int64

        enum CodingKeys: String, CodingKey {
            case name, threads, pinned
            case medianNs = "median_ns"
            case minimumNs = "min_ns"
            case maximumNs = "max_ns"
            case operationsPerRepetition = "operations_per_repetition"
        }
    }

    mutating func record(_ name: String, threads: Int, pinned: Bool, _ sample: Sample) {
        measurements.append(
            Measurement(
                name: name, threads: threads, pinned: pinned, medianNs: sample.median,
                minimumNs: sample.minimum, maximumNs: sample.maximum,
                operationsPerRepetition: sample.operationsPerRepetition))
    }

    /// Serial vs concurrent step vs round trip, measured side by side (2 pinned CPUs).
    struct SerialSideBySide: Encodable {
        let serialStepNs: Double
        let concurrentStepNs: Double
        let pingPongRoundTripNs: Double

        enum CodingKeys: String, CodingKey {
            case serialStepNs = "serial_step_ns"
            case concurrentStepNs = "concurrent_step_ns"
            case pingPongRoundTripNs = "pingpong_rtt_ns"
        }
    }

    enum CodingKeys: String, CodingKey {
        case serialSideBySide = "serial_side_by_side"
        case stepNs = "step_ns"
        case stepNsBest = "step_ns_best"
        case oversubscribed
        case serialHandoffNs = "serial_handoff_ns"
        case serialStepNs = "serial_step_ns"
        case gateEnterLeaveNs = "gate_enter_leave_ns"
        case measurements, machine, mode, repetitions
    }
}
