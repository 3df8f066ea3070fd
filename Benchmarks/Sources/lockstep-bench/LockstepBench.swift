import ArgumentParser
import BenchSupport
import Foundation
import Lockstep

/// Measures the Lockstep engine's step transition, serial hand-off and gate against C
/// baselines and Dispatch, side by side in one run.
@main
struct LockstepBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lockstep-bench",
        abstract: "Step transition, serial hand-off and gate cost of the Lockstep engine vs baselines.",
        discussion: """
            2 CPUs: threads pinned to the first two CPUs of the affinity mask. Oversubscribed: \
            4 and 8 unpinned threads on the same cores. Each number is the median of several \
            repetitions; ratios are to the ping-pong round trip measured in the same run.
            """)

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Flag(help: "Short repetitions (3 x ~15 ms) for a smoke run; numbers are noisier.")
    var quick = false

    @Option(
        help: ArgumentHelp(
            "Measure only these mechanisms (JSON keys, e.g. lockstep,pingpong_rtt); default all.",
            valueName: "keys"))
    var only: [String] = []

    @Option(help: "Engine wait policy: pause-spins before yielding (default: the engine's automatic policy).")
    var engineSpin: Int?

    @Option(help: "Engine wait policy: sched_yield calls before parking (with --engine-spin; default 64).")
    var engineYield = 64

    @Option(help: "Oversubscribed thread counts to measure.")
    var oversubscribed: [Int] = [4, 8]

    /// The engine's wait policy: automatic unless `--engine-spin` is given.
    var waitPolicy: WaitPolicy {
        guard let engineSpin else { return .automatic }
        return WaitPolicy(spinIterations: engineSpin, yieldIterations: engineYield)
    }

    func run() throws {
        let plan: MeasurementPlan = quick ? .quick : .full
        let machine = Machine.current()
        let cpus = Array(machine.allowedCPUs.prefix(2))
        guard cpus.count == 2 else { throw BenchError.notEnoughCPUs(needed: 2, allowed: machine.allowedCPUs) }
        var result = LockstepResult(machine: machine, mode: quick ? "quick" : "full", repetitions: plan.repetitions)
        let progress = Progress(enabled: !json)

        progress.say("Two pinned CPUs \(cpus)")
        let twoCPU = try measureRow(
            Mechanism.allCases, threads: 2, cpus: cpus, plan: plan, result: &result, progress: progress)
        result.stepNs = twoCPU
        for measurement in result.measurements where measurement.threads == 2 {
            result.stepNsBest[measurement.name] = measurement.minimumNs
        }

        for threads in oversubscribed {
            progress.say("\(threads) unpinned threads on \(cpus.count) cores")
            var row = try measureRow(
                Mechanism.allCases.filter { $0 != .pingPongRoundTrip }, threads: threads, cpus: nil, plan: plan,
                result: &result, progress: progress)
            // The physical floor does not change with the thread count: the same round trip.
            row[Mechanism.pingPongRoundTrip.rawValue] = twoCPU[Mechanism.pingPongRoundTrip.rawValue]
            result.oversubscribed[String(threads)] = row
        }

        try EngineExtras.measure(into: &result, cpus: cpus, plan: plan, waitPolicy: waitPolicy, progress: progress)

        result.machine = machine.finished()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(HumanReport(result: result, oversubscribed: oversubscribed).render())
        }
    }

    /// Measures the given mechanisms for one thread count, interleaved, and records them.
    private func measureRow(
        _ mechanisms: [Mechanism], threads: Int, cpus: [Int]?, plan: MeasurementPlan,
        result: inout LockstepResult, progress: Progress
    ) throws -> [String: Double] {
        var contenders: [(Mechanism, Contender)] = []
        for mechanism in mechanisms where only.isEmpty || only.contains(mechanism.rawValue) {
            if let contender = try contender(mechanism, threads: threads, cpus: cpus) {
                contenders.append((mechanism, contender))
            }
        }
        let samples = try plan.measureInterleaved(contenders.map(\.1)) { progress.say($0) }
        var row: [String: Double] = [:]
        for ((mechanism, _), sample) in zip(contenders, samples) {
            row[mechanism.rawValue] = sample.median
            result.record(mechanism.rawValue, threads: threads, pinned: cpus != nil, sample)
        }
        return row
    }

    /// How to run `mechanism` with `threads` threads (pinned to `cpus`, or unpinned).
    private func contender(_ mechanism: Mechanism, threads: Int, cpus: [Int]?) throws -> Contender? {
        let name = mechanism.rawValue
        switch mechanism {
        case .lockstep:
            return try EngineSteps.transitionContender(threads: threads, pinned: cpus != nil, waitPolicy: waitPolicy)
        case .pthreadBarrier:
            return Contender(name, minimum: 2) { steps in
                try Baselines.pthreadBarrier(threads: threads, cpus: cpus, steps: steps)
            }
        case .kernelScheme, .kernelSchemeYield:
            let yielding = mechanism == .kernelSchemeYield
            return Contender(name, minimum: 2) { steps in
                try Baselines.kernelScheme(threads: threads, cpus: cpus, steps: steps, yielding: yielding)
            }
        case .concurrentPerform:
            return Contender(name) { steps in Baselines.concurrentPerform(threads: threads, steps: steps) }
        case .pingPongRoundTrip:
            guard let cpus else { return nil }
            return Contender(name, minimum: 1_000) { roundTrips in
                try Baselines.pingPongRoundTrip(cpus: cpus, roundTrips: roundTrips)
            }
        }
    }
}

/// Progress lines on stderr while a human waits (silent in JSON mode).
struct Progress {
    let enabled: Bool
    func say(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
