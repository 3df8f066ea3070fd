import BenchSupport
import Lockstep

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
