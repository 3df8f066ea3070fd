import BenchSupport
import Lockstep

/// The Lockstep engine measured the way the baselines are: empty steps, no timestamps.
///
/// A procedure's start and end (publishing it, waking parked stoppers, the final
/// signal to the caller) are not part of a step transition, so every measurement runs a
/// one-step procedure and a long one back to back and divides the difference by the
/// extra steps.
final class EngineRig {
    /// Steps in the long procedure of each measured pair: many with pinned CPUs (tens of
    /// ns a step), fewer when oversubscribed (µs a step), so one pair stays in the ms range.
    let longSteps: Int

    let machine: StopMachine
    private let short: [StepScope: Procedure<NoContext>]
    private let long: [StepScope: Procedure<NoContext>]

    /// An engine on the first `threads` allowed CPUs (pinned) or on `threads` simulated CPUs.
    init(threads: Int, pinned: Bool, waitPolicy: WaitPolicy) throws {
        let cpus = pinned ? try CPUSet.online() : CPUSet.simulated(count: threads)
        let longSteps = pinned ? 16_384 : 512
        self.longSteps = longSteps
        machine = try StopMachine(cpus: cpus, waitPolicy: waitPolicy, recordsTimestamps: false)
        var short: [StepScope: Procedure<NoContext>] = [:]
        var long: [StepScope: Procedure<NoContext>] = [:]
        for scope in [StepScope.concurrent, .serial] {
            short[scope] = EngineRig.procedure(scope: scope, steps: 1)
            long[scope] = EngineRig.procedure(scope: scope, steps: longSteps)
        }
        self.short = short
        self.long = long
    }

    deinit { machine.shutdown() }

    /// ns per step of `scope`, over about `count` steps: the long procedures' total time
    /// minus the median time of as many one-step procedures (the fixed cost of a
    /// procedure), divided by the extra steps. The median keeps one preempted short run
    /// from making the difference negative on a loaded machine.
    func nsPerStep(scope: StepScope, count: Int64) -> Double {
        let pairs = max(1, (count + Int64(longSteps) - 1) / Int64(longSteps))
        let shortProcedure = short[scope]!
        let longProcedure = long[scope]!
        var shortTimes: [Double] = []
        var longTotal: UInt64 = 0
        for _ in 0..<pairs {
            var start = monotonicNs()
            _ = machine.run(shortProcedure, context: NoContext())
            shortTimes.append(Double(monotonicNs() - start))
            start = monotonicNs()
            _ = machine.run(longProcedure, context: NoContext())
            longTotal += monotonicNs() - start
        }
        let fixedCost = Sample(values: shortTimes, operationsPerRepetition: 1).median
        let extraSteps = Double(pairs) * Double(longSteps - 1)
        return (Double(longTotal) - Double(pairs) * fixedCost) / extraSteps
    }

    private static func procedure(scope: StepScope, steps: Int) -> Procedure<NoContext> {
        let body: @Sendable (StepContext<NoContext>) throws -> Void = { _ in }
        let step = Step<NoContext>(scope.name, scope: scope, body: body)
        return Procedure(name: "bench-\(scope.name)-\(steps)", steps: Array(repeating: step, count: steps))
    }
}

/// The empty shared context of benchmark procedures.
struct NoContext: Sendable {}

/// The Lockstep engine's rows.
enum EngineSteps {
    /// Step transitions of empty concurrent steps (every CPU from step k to k+1).
    static func transitionContender(threads: Int, pinned: Bool, waitPolicy: WaitPolicy) throws -> Contender? {
        let rig = try EngineRig(threads: threads, pinned: pinned, waitPolicy: waitPolicy)
        guard rig.machine.cpus.count == threads else {
            throw BenchError.notEnoughCPUs(needed: threads, allowed: rig.machine.cpus.cpus.map(\.id))
        }
        return Contender(Mechanism.lockstep.rawValue, minimum: Int64(rig.longSteps)) { count in
            rig.nsPerStep(scope: .concurrent, count: count)
        }
    }
}

/// Serial hand-off and gate measurements of the engine.
enum EngineExtras {
    static func measure(
        into result: inout LockstepResult, cpus: [Int], plan: MeasurementPlan, waitPolicy: WaitPolicy,
        progress: Progress
    ) throws {
        progress.say("Serial step and gate")
        let rig = try EngineRig(threads: cpus.count, pinned: true, waitPolicy: waitPolicy)
        let gate = StopGate()
        let token = gate.register()
        let contenders = [
            Contender("serial_step", minimum: Int64(rig.longSteps)) { count in
                rig.nsPerStep(scope: .serial, count: count)
            },
            Contender("lockstep_concurrent_step", minimum: Int64(rig.longSteps)) { count in
                rig.nsPerStep(scope: .concurrent, count: count)
            },
            Contender("pingpong_rtt", minimum: 1_000) { roundTrips in
                try Baselines.pingPongRoundTrip(cpus: cpus, roundTrips: roundTrips)
            },
            // One thread's own work: timed by its CPU time, which preemption does not inflate.
            Contender("gate_enter_leave", minimum: 1_000) { count in
                let start = threadCPUNs()
                for _ in 0..<count {
                    token.enter()
                    token.leave()
                }
                return Double(threadCPUNs() - start) / Double(count)
            },
        ]
        let samples = try plan.measureInterleaved(contenders) { progress.say($0) }
        for (contender, sample) in zip(contenders, samples) {
            result.record(
                contender.name, threads: contender.name == "gate_enter_leave" ? 1 : cpus.count, pinned: true, sample)
        }
        result.serialStepNs = samples[0].median
        result.serialHandoffNs = samples[0].median / Double(cpus.count)
        result.serialSideBySide = LockstepResult.SerialSideBySide(
            serialStepNs: samples[0].median, concurrentStepNs: samples[1].median, pingPongRoundTripNs: samples[2].median
        )
        result.gateEnterLeaveNs = samples[3].median
    }
}
