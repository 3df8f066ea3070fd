import BenchBaselines
import BenchSupport
import Foundation
import Lockstep
import Synchronization

/// The engine's part of an update alone: a stop-the-world procedure shaped like the TDX
/// update (once, serial, concurrent, once) with empty step bodies, run directly on a
/// `StopMachine` while worker threads use the gate. No host driver, no prechecks.
enum UpdateShape {
    static let steps: [(name: String, scope: StepScope)] = [
        ("shutdown", .once()), ("install", .serial), ("init", .concurrent), ("restore", .once()),
    ]

    /// Runs the procedure `repetitions` times (after two warm-up runs) on `cpus` CPUs and
    /// returns the medians.
    static func measure(cpus count: Int, workers: Int, repetitions: Int) throws -> BlackoutRow {
        let set = count == 2 ? try CPUSet.online() : CPUSet.simulated(count: count)
        let machine = try StopMachine(cpus: set)
        defer { machine.shutdown() }
        let gate = StopGate()
        let pool = GateWorkers(gate: gate, count: workers)
        let body: @Sendable (StepContext<NoContext>) throws -> Void = { _ in }
        let procedure = Procedure<NoContext>(
            name: "simulated-update",
            steps: steps.map { Step<NoContext>($0.name, scope: $0.scope, body: body) })
        var reports: [ProcedureReport] = []
        for repetition in 0..<(repetitions + 2) {
            let report = machine.stopTheWorld(gate: gate, procedure, context: NoContext())
            guard report.outcome == .completed, report.steps.count == steps.count else {
                pool.stop()
                throw BenchError.input(
                    path: "simulated-update on \(count) CPUs",
                    reason: "ended \(report.outcome.rawValue): \(report.errors.map(\.message))")
            }
            if repetition >= 2 { reports.append(report) }
        }
        pool.stop()
        return BlackoutRow(cpus: count, pinned: set.isPinned, reports: reports, gateEntries: pool.entries)
    }
}

/// The empty shared context of the procedure.
struct NoContext: Sendable {}

/// The ping-pong round trip between two pinned threads (the C baseline), ns.
func roundTripNs(cpus: [Int], roundTrips: Int64) throws -> Double {
    try checkedBaseline("ping-pong", bench_pingpong_rtt_ns(Int32(cpus[0]), Int32(cpus[1]), roundTrips))
}

/// Threads that behave like vCPUs making SEAMCALLs: enter the gate, leave it at once
/// (the call is free), then sleep ~20 µs (guest work), until stopped.
final class GateWorkers: Sendable {
    private let running = Atomic<Bool>(true)
    private let entryCount = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let count: Int

    init(gate: StopGate, count: Int) {
        self.count = count
        for index in 0..<count {
            let thread = Thread { [self] in
                let token = gate.register()
                var entries = 0
                while running.load(ordering: .relaxed) {
                    token.enter()
                    token.leave()
                    entries += 1
                    usleep(20)
                }
                entryCount.add(entries, ordering: .relaxed)
                finished.add(1, ordering: .releasing)
            }
            thread.name = "gate-worker-\(index)"
            thread.start()
        }
    }

    /// Total gate entries, valid after `stop()`.
    var entries: Int { entryCount.load(ordering: .relaxed) }

    /// Stops the workers and waits until every one has finished.
    func stop() {
        running.store(false, ordering: .relaxed)
        while finished.load(ordering: .acquiring) < count { usleep(100) }
    }
}
