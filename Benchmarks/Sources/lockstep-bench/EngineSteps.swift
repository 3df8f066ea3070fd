import BenchSupport
import Lockstep

/// The Lockstep engine measured the way the baselines are: empty steps, no timestamps,
/// timed from inside the procedure.
///
/// The lead CPU reads the clock in the body of the first step and again in the body of
/// the last one, so what is timed is exactly `steps - 1` step transitions, as the C
/// kernel-scheme baseline times its states from thread 0. Nothing of a procedure's start
/// and end (binding the steps, publishing, waking parked stoppers, building the report)
/// is inside that interval: those costs grow with the number of steps on the caller's
/// thread, not on the stoppers, so subtracting a one-step procedure does not remove them.
final class EngineRig {
    /// Steps in each measured procedure: many with pinned CPUs (tens of ns a step),
    /// fewer when oversubscribed (µs a step), so one procedure stays in the ms range.
    let steps: Int

    let machine: StopMachine
    private let clock = LeadClock()
    private let procedures: [StepScope: Procedure<LeadClock>]

    /// An engine on the first `threads` allowed CPUs (pinned) or on `threads` simulated CPUs.
    init(threads: Int, pinned: Bool, waitPolicy: WaitPolicy) throws {
        let cpus = pinned ? try CPUSet.online() : CPUSet.simulated(count: threads)
        let steps = pinned ? 16_384 : 512
        self.steps = steps
        machine = try StopMachine(cpus: cpus, waitPolicy: waitPolicy, recordsTimestamps: false)
        var procedures: [StepScope: Procedure<LeadClock>] = [:]
        for scope in [StepScope.concurrent, .serial] {
            procedures[scope] = EngineRig.procedure(scope: scope, steps: steps)
        }
        self.procedures = procedures
    }

    deinit { machine.shutdown() }

    /// ns per step of `scope`, over about `count` steps: the lead CPU's clock from the
    /// first step's body to the last step's body, summed over procedures, divided by the
    /// transitions in between.
    func nsPerStep(scope: StepScope, count: Int64) -> Double {
        let runs = max(1, (count + Int64(steps) - 1) / Int64(steps))
        let procedure = procedures[scope]!
        var total: UInt64 = 0
        for _ in 0..<runs {
            _ = machine.run(procedure, context: clock)
            total += clock.elapsedNs
        }
        return Double(total) / (Double(runs) * Double(steps - 1))
    }

    private static func procedure(scope: StepScope, steps: Int) -> Procedure<LeadClock> {
        let last = steps - 1
        let step = Step<LeadClock>(scope.name, scope: scope) { step in
            guard step.cpu.index == 0 else { return }
            if step.stepIndex == 0 {
                step.context.markStart()
            } else if step.stepIndex == last {
                step.context.markEnd()
            }
        }
        return Procedure(name: "bench-\(scope.name)-\(steps)", steps: Array(repeating: step, count: steps))
    }
}

/// The lead CPU's two clock readings, in plain memory the procedure's lockstep orders:
/// written by one CPU inside the procedure, read by the caller after `run` returned.
/// A struct around a pointer, so binding it into every step retains nothing shared.
struct LeadClock: @unchecked Sendable {
    private let readings = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)

    init() { readings.initialize(repeating: 0, count: 2) }

    func markStart() { readings[0] = monotonicNs() }
    func markEnd() { readings[1] = monotonicNs() }

    /// From the first step's body to the last step's body of the latest procedure.
    var elapsedNs: UInt64 { readings[1] &- readings[0] }
}

/// The Lockstep engine's rows.
enum EngineSteps {
    /// Step transitions of empty concurrent steps (every CPU from step k to k+1).
    static func transitionContender(threads: Int, pinned: Bool, waitPolicy: WaitPolicy) throws -> Contender? {
        let rig = try EngineRig(threads: threads, pinned: pinned, waitPolicy: waitPolicy)
        guard rig.machine.cpus.count == threads else {
            throw BenchError.notEnoughCPUs(needed: threads, allowed: rig.machine.cpus.cpus.map(\.id))
        }
        return Contender(Mechanism.lockstep.rawValue, minimum: Int64(rig.steps)) { count in
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
            Contender("serial_step", minimum: Int64(rig.steps)) { count in
                rig.nsPerStep(scope: .serial, count: count)
            },
            Contender("lockstep_concurrent_step", minimum: Int64(rig.steps)) { count in
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
