import CLockstep
import Glibc
import SystemSupport

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
    private let threads: ThreadLocked<Threads>

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
        threads = ThreadLocked(Threads())
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
    @inlinable
    public func run<Context: Sendable>(
        _ procedure: Procedure<Context>, context: Context,
        onWatchdog: (@Sendable (WatchdogEvent) -> Void)? = nil
    ) -> ProcedureReport {
        runErased(erase(procedure, context: context), gate: nil, onWatchdog: onWatchdog)
    }

    /// Closes `gate`, waits for gate-protected work in flight to leave, runs `procedure`,
    /// reopens the gate. The report's `drainNs` and `stoppedNs` say how long the drain and
    /// the whole stop (gate closed to reopened) took. The calling thread must not be inside
    /// `gate` itself (it would wait for itself).
    @inlinable
    public func stopTheWorld<Context: Sendable>(
        gate: StopGate, _ procedure: Procedure<Context>, context: Context,
        onWatchdog: (@Sendable (WatchdogEvent) -> Void)? = nil
    ) -> ProcedureReport {
        runErased(erase(procedure, context: context), gate: gate, onWatchdog: onWatchdog)
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

    /// The non-generic half of `run` and `stopTheWorld`: takes the lock, optionally closes
    /// the gate, and coordinates the already erased steps.
    @usableFromInline
    func runErased(
        _ erased: ErasedProcedure, gate: StopGate?, onWatchdog: (@Sendable (WatchdogEvent) -> Void)?
    ) -> ProcedureReport {
        threads.withLock { state in
            guard let gate else {
                return runLocked(erased, isShutDown: state.isShutDown, onWatchdog: onWatchdog)
            }
            let closedAt = clockstep_monotonic_ns()
            gate.close()
            let drainedAt = clockstep_monotonic_ns()
            let report = runLocked(erased, isShutDown: state.isShutDown, onWatchdog: onWatchdog)
            gate.reopen()
            let reopenedAt = clockstep_monotonic_ns()
            return report.withStopTimings(
                closedNs: closedAt, drainNs: drainedAt - closedAt, stoppedNs: reopenedAt - closedAt)
        }
    }

    private func runLocked(
        _ erased: ErasedProcedure, isShutDown: Bool, onWatchdog: (@Sendable (WatchdogEvent) -> Void)?
    ) -> ProcedureReport {
        if isShutDown {
            return refusal(
                erased.name, step: (0, erased.firstStepName), message: LockstepError.machineShutDown.description)
        }
        if let unplaced = erased.unplacedStep {
            return refusal(
                erased.name, step: (unplaced.position, unplaced.name),
                message: "step '\(unplaced.name)' (\(unplaced.isRecovery ? "recovery" : "main") step "
                    + "\(unplaced.position)) has scope \(unplaced.scope), but the CPU set \(cpus) has no such "
                    + "CPU; name a CPU id of the set or use .once() for the lead CPU")
        }
        if erased.main.isEmpty {
            let now = clockstep_monotonic_ns()
            return ProcedureReport(
                procedure: erased.name, outcome: .completed, cpuCount: cpus.count, steps: [],
                errors: [], watchdogEvents: [], startNs: now, endNs: now)
        }
        return core.coordinate(
            name: erased.name, main: erased.main, recovery: erased.recovery, watchdog: erased.watchdog,
            onWatchdog: onWatchdog)
    }

    /// Binds `context` into every step. Inlinable so that it is specialised where `Context`
    /// is concrete: the closure each stopper calls on every step then builds its
    /// `StepContext` without a runtime generic-metadata lookup or value-witness calls.
    @inlinable
    func erase<Context: Sendable>(_ procedure: Procedure<Context>, context: Context) -> ErasedProcedure {
        var erased = ErasedProcedure(
            name: procedure.name, watchdog: procedure.watchdog, firstStepName: procedure.steps.first?.name ?? "")
        for (isRecovery, steps) in [(false, procedure.steps), (true, procedure.recovery)] {
            for (position, step) in steps.enumerated() {
                guard let scope = erasedScope(of: step.scope) else {
                    erased.unplacedStep = .init(
                        name: step.name, position: position, isRecovery: isRecovery, scope: step.scope)
                    return erased
                }
                let body = step.body
                let name = step.name
                let bound = ErasedStep(name: name, scope: scope, scopeName: step.scope.name) { cpu, index in
                    try body(StepContext(cpu: cpu, stepIndex: index, stepName: name, context: context))
                }
                if isRecovery { erased.recovery.append(bound) } else { erased.main.append(bound) }
            }
        }
        return erased
    }

    /// Where a step runs, as the stoppers see it; nil when a `once` step names a CPU id the
    /// set does not hold.
    @usableFromInline
    func erasedScope(of scope: StepScope) -> ErasedStep.Scope? {
        switch scope {
        case .once(let id):
            let named: CPU? = if let id { cpus.cpu(id: id) } else { cpus.lead }
            return named.map { .once(index: $0.index) }
        case .serial: return .serial
        case .concurrent: return .concurrent
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
