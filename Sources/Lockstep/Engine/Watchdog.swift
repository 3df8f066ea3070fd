import CLockstep
import Synchronization

/// A CPU that had not finished a step when the step's deadline passed.
public typealias WatchdogEvent = ProcedureReport.WatchdogEvent

/// The coordinator's per-step deadline check (docs/LOCKSTEP.md, "Coordinator").
///
/// The last arriver of each step publishes the next step's tag (lifetime step and cursor)
/// and start time; the watchdog reads them, and names every CPU whose progress shows it has
/// not finished that step once the deadline has passed, once per (step, CPU). The other
/// CPUs keep waiting: the watchdog only reports.
struct Watchdog {
    let deadlineNs: UInt64
    let checkIntervalNs: UInt64
    private(set) var nextCheckNs: UInt64
    private var reported: Set<Pair> = []
    private(set) var events: [WatchdogEvent] = []

    private struct Pair: Hashable {
        let step: Int
        let cpu: Int
    }

    init(deadline: Duration, startNs: UInt64) {
        let (seconds, attoseconds) = deadline.components
        let ns =
            UInt64(clamping: max(0, seconds)) &* 1_000_000_000 &+ UInt64(clamping: max(0, attoseconds / 1_000_000_000))
        deadlineNs = max(1, ns)
        checkIntervalNs = min(max(deadlineNs / 4, 100_000), 50_000_000)
        nextCheckNs = startNs &+ min(deadlineNs, checkIntervalNs)
    }

    /// Checks the step in progress; returns the CPUs named for the first time.
    mutating func check(core: LockstepCore, procedure: PublishedProcedure) -> [WatchdogEvent] {
        let now = clockstep_monotonic_ns()
        nextCheckNs = now &+ checkIntervalNs
        let tag = core.stepTag.pointee.load(ordering: .acquiring)
        let stepStart = core.stepStartNs.pointee.load(ordering: .relaxed)
        let lifetimeStep = UInt32(truncatingIfNeeded: tag >> 32)
        let offset = lifetimeStep &- procedure.lifetimeStepBase
        guard Int32(bitPattern: offset) >= 0, now > stepStart else { return [] }
        let elapsed = now - stepStart
        guard elapsed >= deadlineNs else { return [] }
        let stepIndex = Int(offset)
        let cursor = StepCursor(code: UInt32(truncatingIfNeeded: tag))
        let name = procedure.step(at: cursor).name
        var named: [WatchdogEvent] = []
        for cpu in core.cpus.cpus {
            let done = core.progress.word(cpu.index).atomic.pointee.load(ordering: .relaxed)
            guard !reached(done, lifetimeStep &+ 1) else { continue }
            guard reported.insert(Pair(step: stepIndex, cpu: cpu.index)).inserted else { continue }
            named.append(WatchdogEvent(stepIndex: stepIndex, stepName: name, cpu: cpu.id, elapsedNs: elapsed))
        }
        events += named
        return named
    }
}
