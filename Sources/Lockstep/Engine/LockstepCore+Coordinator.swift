import CLockstep
import Synchronization

extension LockstepCore {
    /// The coordinator (docs/LOCKSTEP.md, "Coordinator: run"): publish, wait for the end
    /// while running the watchdog, build the report. Callers serialise calls.
    func coordinate(
        name: String, main: [ErasedStep], recovery: [ErasedStep], watchdog deadline: Duration?,
        onWatchdog: (@Sendable (WatchdogEvent) -> Void)?
    ) -> ProcedureReport {
        // Every stopper is between procedures, so these loads are exact.
        let finished = word(.finished)
        let finishedTarget = finished.atomic.pointee.load(ordering: .acquiring) &+ 1
        let procedure = PublishedProcedure(
            name: name, main: main, recovery: recovery,
            arrivalsBase: word(.arrivals).atomic.pointee.load(ordering: .acquiring),
            turnBase: word(.turn).atomic.pointee.load(ordering: .acquiring),
            failureBases: .init(
                even: word(.failuresEven).atomic.pointee.load(ordering: .acquiring),
                odd: word(.failuresOdd).atomic.pointee.load(ordering: .acquiring)),
            lifetimeStepBase: progress.word(0).atomic.pointee.load(ordering: .acquiring),
            tracksSteps: deadline != nil)
        for log in logs { log.prepare(steps: procedure.maximumExecutedSteps) }
        let startNs = clockstep_monotonic_ns()
        if procedure.tracksSteps {
            stepStartNs.pointee.store(startNs, ordering: .relaxed)
            stepTag.pointee.store(
                UInt64(procedure.lifetimeStepBase) << 32 | UInt64(StepCursor.first.code),
                ordering: .releasing)
        }
        publish(.run(procedure))

        var watchdog = deadline.map { Watchdog(deadline: $0, startNs: startNs) }
        while true {
            let done = coordinatorWaiter.waitTimed(on: finished, deadlineNs: watchdog?.nextCheckNs) {
                reached($0, finishedTarget)
            }
            if done != nil { break }
            if let named = watchdog?.check(core: self, procedure: procedure), let onWatchdog {
                named.forEach(onWatchdog)
            }
        }
        let endNs = clockstep_monotonic_ns()
        return report(
            of: procedure, startNs: startNs, endNs: endNs, watchdogEvents: watchdog?.events ?? [])
    }

    /// Replays the executed sequence from the logs (the same decision the stoppers took)
    /// and gathers every CPU's timings and errors. Only after `finished` was observed.
    private func report(
        of procedure: PublishedProcedure, startNs: UInt64, endNs: UInt64,
        watchdogEvents: [WatchdogEvent]
    ) -> ProcedureReport {
        var failedSteps = Set<Int>()
        var errors: [ProcedureReport.StepError] = []
        var traces: [ProcedureReport.StepTrace] = []
        var stepNames: [Int: String] = [:]
        for log in logs { failedSteps.formUnion(log.errors.map(\.step)) }
        var cursor: StepCursor? = .first
        var executed = 0
        while let current = cursor {
            let step = procedure.step(at: current)
            stepNames[executed] = step.name
            var timings: [ProcedureReport.CPUTiming] = []
            if recordsTimestamps {
                let runners: [CPU]
                if case .once(let runner) = step.scope {
                    runners = [cpus.cpus[runner]]
                } else {
                    runners = cpus.cpus
                }
                timings = runners.map { cpu in
                    let timing = logs[cpu.index].timing(step: executed)
                    return .init(cpu: cpu.id, startNs: timing.startNs, endNs: timing.endNs)
                }
            }
            traces.append(
                .init(
                    index: executed, name: step.name, scope: step.scopeName,
                    phase: current.inRecovery ? .recovery : .main, cpus: timings))
            cursor = procedure.next(after: current, failed: failedSteps.contains(executed))
            executed += 1
        }
        for (index, log) in logs.enumerated() {
            for (step, error) in log.errors {
                errors.append(
                    .init(
                        stepIndex: step, stepName: stepNames[step] ?? "?", cpu: cpus.cpus[index].id,
                        message: String(describing: error), underlying: error))
            }
        }
        errors.sort { ($0.stepIndex, $0.cpu) < ($1.stepIndex, $1.cpu) }
        return ProcedureReport(
            procedure: procedure.name, outcome: outcome(traces: traces, failedSteps: failedSteps),
            cpuCount: cpus.count, steps: traces, errors: errors, watchdogEvents: watchdogEvents,
            startNs: startNs, endNs: endNs)
    }

    private func outcome(traces: [ProcedureReport.StepTrace], failedSteps: Set<Int>)
        -> ProcedureReport.Outcome
    {
        let mainFailed = traces.contains { $0.phase == .main && failedSteps.contains($0.index) }
        guard mainFailed else { return .completed }
        let recoverySteps = traces.filter { $0.phase == .recovery }
        if recoverySteps.isEmpty { return .failed }
        return recoverySteps.contains { failedSteps.contains($0.index) } ? .recoveryFailed : .recovered
    }
}
