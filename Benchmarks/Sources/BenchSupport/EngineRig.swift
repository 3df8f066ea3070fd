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
public final class EngineRig {
    /// Steps in each measured procedure: many with pinned CPUs (tens of ns a step),
    /// fewer when oversubscribed (µs a step), so one procedure stays in the ms range.
    public let steps: Int

    public let machine: StopMachine
    private let clock = LeadClock()
    private let procedures: [StepScope: Procedure<LeadClock>]

    /// An engine on the first `threads` allowed CPUs (pinned) or on `threads` simulated CPUs.
    public init(threads: Int, pinned: Bool, waitPolicy: WaitPolicy) throws {
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
    public func nsPerStep(scope: StepScope, count: Int64) -> Double {
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
