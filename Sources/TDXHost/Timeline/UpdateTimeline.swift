import Lockstep
import TDXFirmware
import TDXTimeline

extension Timeline {
    /// The picture of one update attempt: every executed step with each CPU's span from the
    /// engine's report, each failure with the status its firmware call returned, the stop
    /// (gate closed, drained, reopened) and each TD's recent SEAMCALLs.
    ///
    /// `cpus` are the host's CPU ids (one lane each); `tdCalls` come from
    /// `TDWorkloads.recentCalls()`, taken after the update so they reach past it. A refused
    /// attempt has no steps: the picture then says why nothing was stopped.
    public init(update attempt: UpdateAttempt, cpus: [Int], tdCalls: [TDCallHistory]) {
        let report = attempt.report
        var notes: [String] = []
        if let refusal = attempt.refusal {
            notes.append("refused before anything stopped (\(refusal.code)): \(refusal.description)")
        }
        if let events = report?.watchdogEvents, !events.isEmpty {
            notes += events.prefix(3).map { "watchdog: \($0)" }
        }
        self.init(
            versionBefore: attempt.versionBefore.description,
            versionAfter: attempt.versionAfter?.description,
            targetVersion: attempt.imageVersion?.description,
            outcome: Outcome(name: attempt.outcome.rawValue, severity: Self.severity(attempt.outcome)),
            cpus: cpus,
            steps: report.map { Self.steps(of: $0, attempt: attempt) } ?? [],
            stop: report.flatMap(Self.stop(of:)),
            procedure: report.map { $0.startNs...max($0.startNs, $0.endNs) },
            tds: tdCalls.map(Self.lane(of:)),
            notes: notes)
    }

    static func severity(_ outcome: UpdateOutcome) -> Outcome.Severity {
        switch outcome {
        case .completed: .success
        case .failedHarmless, .recovered: .warning
        case .failedFatal: .fatal
        }
    }

    /// The report's steps; a CPU's error becomes its span's failure, named by the status
    /// its firmware call returned (and whether the failure was injected).
    static func steps(of report: ProcedureReport, attempt: UpdateAttempt) -> [TimelineStep] {
        var failures: [Int: [Int: TimelineStep.Failure]] = [:]
        for error in report.errors {
            failures[error.stepIndex, default: [:]][error.cpu] = failure(error, attempt.failures)
        }
        return report.steps.map { step in
            TimelineStep(
                name: step.name, scope: TimelineStep.Scope(rawValue: step.scope) ?? .concurrent,
                phase: step.phase == .recovery ? .recovery : .main,
                didNothing: step.phase == .recovery && !attempt.recoveryRan,
                spans: step.cpus.map { timing in
                    TimelineStep.Span(
                        cpu: timing.cpu, startNs: timing.startNs, endNs: timing.endNs,
                        failure: failures[step.index]?[timing.cpu])
                })
        }
    }

    private static func failure(
        _ error: ProcedureReport.StepError, _ calls: [FirmwareCallFailure]
    ) -> TimelineStep.Failure {
        guard let stepError = error.underlying as? UpdateStepError else {
            return TimelineStep.Failure(status: error.message)
        }
        let injected = calls.contains {
            $0.injected && $0.step == stepError.step && $0.cpu == stepError.cpu && $0.status == stepError.status
        }
        return TimelineStep.Failure(
            status: stepError.status.statusName, detail: stepError.leaf + (injected ? ", injected" : ""))
    }

    static func stop(of report: ProcedureReport) -> StopInterval? {
        guard let closed = report.gateClosedNs, let drain = report.drainNs, let stopped = report.stoppedNs else {
            return nil
        }
        return StopInterval(closedNs: closed, drainedNs: closed &+ drain, reopenedNs: closed &+ stopped)
    }

    static func lane(of history: TDCallHistory) -> TDLane {
        TDLane(
            td: history.td, calls: history.calls.filter(\.succeeded).map(\.ns),
            failedCalls: history.calls.filter { !$0.succeeded }.map(\.ns), failureStatus: history.lastFailure)
    }
}

extension SimulatedHost {
    /// The picture of `attempt` on this host, with the TDs' SEAMCALLs recorded so far.
    /// Take it after the update (and, for the TDs' side of the gap, after they ran again).
    public func timeline(of attempt: UpdateAttempt) -> Timeline {
        Timeline(update: attempt, cpus: cpus.cpus.map(\.id), tdCalls: workloads.recentCalls())
    }
}

extension SeamcallStatus {
    /// The status's name, or its hex value when it has none.
    var statusName: String { name ?? "0x" + String(rawValue, radix: 16, uppercase: true) }
}
