import CLockstep
import Glibc
import Synchronization

/// The stop-the-world, step-locked engine: one stopper thread per CPU, created once and
/// parked between procedures, running each procedure's steps in lockstep.
///
/// `run` executes a procedure on every stopper; `stopTheWorld` does the same while a
/// `StopGate` is closed, so no gate-protected work overlaps any step. One procedure runs at
/// a time: concurrent callers queue. Never call `run` from a step body (deadlock).
public final class StopMachine: Sendable {
    private struct Threads {
        var handles: [pthread_t] = []
        var isShutDown = false
    }

    private let core: LockstepCore
    private let threads: Mutex<Threads>

    /// The CPUs the machine runs on.
    public var cpus: CPUSet { core.cpus }
    /// The waiting budgets in force (resolved from the policy given at creation).
    public let waitPolicy: WaitPolicy
    /// Whether reports carry per-CPU step timings. Without them a step transition skips
    /// two clock reads per CPU (what a benchmark of the bare transition wants).
    public var recordsTimestamps: Bool { core.recordsTimestamps }

    /// Starts one stopper thread per CPU of `cpus` (pinned when the set is `online()`) and
    /// waits until each is running. Throws when a thread cannot be created or pinned.
    public init(cpus: CPUSet, waitPolicy: WaitPolicy = .automatic, recordsTimestamps: Bool = true)
        throws(LockstepError)
    {
        core = LockstepCore(cpus: cpus, waitPolicy: waitPolicy, recordsTimestamps: recordsTimestamps)
        let stopper = core.stopperWaiter
        self.waitPolicy = WaitPolicy(spinIterations: stopper.spins, yieldIterations: stopper.yields)
        threads = Mutex(Threads())
        var handles: [pthread_t] = []
        for cpu in cpus.cpus {
            let core = self.core
            let spawned = StopperThread.spawn(name: "stopper/\(cpu.id)") {
                core.stopperMain(index: cpu.index)
            }
            switch spawned {
            case .success(let handle):
                handles.append(handle)
            case .failure(let error):
                Self.stop(core: core, handles: handles)
                if case .threadCreationFailed(_, let code) = error {
                    throw .threadCreationFailed(cpu: cpu.id, code: code)
                }
                throw error
            }
        }
        while core.startedStoppers.load(ordering: .acquiring) < cpus.count { sched_yield() }
        if let failed = cpus.cpus.first(where: { core.logs[$0.index].pinResult != 0 }) {
            Self.stop(core: core, handles: handles)
            throw .pinningFailed(cpu: failed.id, code: core.logs[failed.index].pinResult)
        }
        threads.withLock { $0.handles = handles }
    }

    deinit {
        shutdown()
    }

    /// Runs `procedure` on every stopper thread in lockstep and returns when all are done.
    ///
    /// `onWatchdog` is called on the calling thread for each CPU the watchdog names (the
    /// procedure keeps waiting for it). A `once` step naming a CPU outside the set, or a
    /// machine that was shut down, gives a `.failed` report without running anything.
    public func run<Context: Sendable>(
        _ procedure: Procedure<Context>, context: Context,
        onWatchdog: (@Sendable (WatchdogEvent) -> Void)? = nil
    ) -> ProcedureReport {
        threads.withLock { state in
            runLocked(procedure, context: context, isShutDown: state.isShutDown, onWatchdog: onWatchdog)
        }
    }

    /// Closes `gate`, waits for gate-protected work in flight to leave, runs `procedure`,
    /// reopens the gate. The report's `drainNs` and `stoppedNs` say how long the drain and
    /// the whole stop (gate closed to reopened) took. The calling thread must not be inside
    /// `gate` itself (it would wait for itself).
    public func stopTheWorld<Context: Sendable>(
        gate: StopGate, _ procedure: Procedure<Context>, context: Context,
        onWatchdog: (@Sendable (WatchdogEvent) -> Void)? = nil
    ) -> ProcedureReport {
        threads.withLock { state in
            let closedAt = clockstep_monotonic_ns()
            gate.close()
            let drainedAt = clockstep_monotonic_ns()
            let report = runLocked(
                procedure, context: context, isShutDown: state.isShutDown, onWatchdog: onWatchdog)
            gate.reopen()
            let reopenedAt = clockstep_monotonic_ns()
            return report.withStopTimings(drainNs: drainedAt - closedAt, stoppedNs: reopenedAt - closedAt)
        }
    }

    /// Stops and joins the stopper threads; later `run` calls fail. Idempotent; also done
    /// when the machine is released.
    public func shutdown() {
        let handles = threads.withLock { state -> [pthread_t] in
            guard !state.isShutDown else { return [] }
            state.isShutDown = true
            defer { state.handles = [] }
            return state.handles
        }
        if !handles.isEmpty { Self.stop(core: core, handles: handles) }
    }

    private static func stop(core: LockstepCore, handles: [pthread_t]) {
        core.publish(.exit)
        handles.forEach(StopperThread.join)
    }

    private func runLocked<Context: Sendable>(
        _ procedure: Procedure<Context>, context: Context, isShutDown: Bool,
        onWatchdog: (@Sendable (WatchdogEvent) -> Void)?
    ) -> ProcedureReport {
        if isShutDown {
            return refusal(
                procedure.name, step: (0, procedure.steps.first?.name ?? ""),
                message: LockstepError.machineShutDown.description)
        }
        var main: [ErasedStep] = []
        var recovery: [ErasedStep] = []
        for (list, steps) in [(0, procedure.steps), (1, procedure.recovery)] {
            for (position, step) in steps.enumerated() {
                guard let erased = erase(step, context: context) else {
                    return refusal(
                        procedure.name, step: (position, step.name),
                        message: "step '\(step.name)' (\(list == 0 ? "main" : "recovery") step \(position)) "
                            + "has scope \(step.scope), but the CPU set \(cpus) has no such CPU; "
                            + "name a CPU id of the set or use .once() for the lead CPU")
                }
                if list == 0 { main.append(erased) } else { recovery.append(erased) }
            }
        }
        if main.isEmpty {
            let now = clockstep_monotonic_ns()
            return ProcedureReport(
                procedure: procedure.name, outcome: .completed, cpuCount: cpus.count, steps: [],
                errors: [], watchdogEvents: [], startNs: now, endNs: now)
        }
        return core.coordinate(
            name: procedure.name, main: main, recovery: recovery, watchdog: procedure.watchdog,
            onWatchdog: onWatchdog)
    }

    private func erase<Context: Sendable>(_ step: Step<Context>, context: Context) -> ErasedStep? {
        let scope: ErasedStep.Scope
        switch step.scope {
        case .once(let id):
            let named: CPU? = if let id { cpus.cpu(id: id) } else { cpus.lead }
            guard let cpu = named else { return nil }
            scope = .once(index: cpu.index)
        case .serial: scope = .serial
        case .concurrent: scope = .concurrent
        }
        let body = step.body
        let name = step.name
        return ErasedStep(name: name, scope: scope, scopeName: step.scope.name) { cpu, index in
            try body(StepContext(cpu: cpu, stepIndex: index, stepName: name, context: context))
        }
    }

    private func refusal(_ name: String, step: (Int, String), message: String) -> ProcedureReport {
        let now = clockstep_monotonic_ns()
        return ProcedureReport(
            procedure: name, outcome: .failed, cpuCount: cpus.count, steps: [],
            errors: [.init(stepIndex: step.0, stepName: step.1, cpu: cpus.lead.id, message: message)],
            watchdogEvents: [], startNs: now, endNs: now)
    }
}
