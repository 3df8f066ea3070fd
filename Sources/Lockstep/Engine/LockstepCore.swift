import CLockstep
import Synchronization

/// The state the coordinator and the stopper threads share (docs/LOCKSTEP.md, "Shared
/// state"): the engine's counters, each on its own 128-byte block, the per-CPU blocks and
/// logs, and the procedure slot.
///
/// Only the stopper threads and the coordinator (one `run` at a time, serialised by the
/// `StopMachine`) touch it, following the protocol of the doc; that protocol is what makes
/// the plain fields safe, hence `@unchecked Sendable`.
final class LockstepCore: @unchecked Sendable {
    enum Word: Int, CaseIterable {
        case epoch, arrivals, turn, failuresEven, failuresOdd, finished, stepTag
    }

    let cpus: CPUSet
    let recordsTimestamps: Bool
    /// How stoppers wait inside a procedure (for `arrivals` and `turn`).
    let stopperWaiter: Waiter
    /// How stoppers wait for the next procedure (on `epoch`): they park at once. A stopper
    /// that spun there would hold its core just when the coordinator, woken by the final
    /// arrival, needs one to observe `finished` and reopen the gate; on a host whose
    /// stoppers fill every core that cost a whole spin budget (~65 µs of a ~80 µs 2-CPU
    /// blackout). The next procedure pays one futex wake-up instead, before its first step
    /// (waking them ahead, while the gate drains, was tried: the woken stoppers then
    /// preempt the draining coordinator, and the drain grew from ~2 to ~80 µs).
    let idleWaiter = Waiter(WaitPolicy(spinIterations: 0, yieldIterations: 0))
    /// How the coordinator waits for `finished`: briefly, whatever the stoppers' policy.
    let coordinatorWaiter: Waiter
    let words = PaddedBlocks(count: Word.allCases.count)
    /// Per CPU: `word` is lifetime steps finished by that CPU (its `progress`).
    let progress: PaddedBlocks
    let logs: [StopperLog]
    /// Stoppers that started (and tried to pin themselves).
    let startedStoppers = Atomic<Int>(0)
    /// The procedure slot.
    var publication: Publication = .idle

    init(cpus: CPUSet, waitPolicy: WaitPolicy, recordsTimestamps: Bool) {
        self.cpus = cpus
        self.recordsTimestamps = recordsTimestamps
        let cores = CPUSet.usableCoreCount
        stopperWaiter = Waiter(waitPolicy.resolved(threads: cpus.count, cores: cores))
        // The coordinator waits through whole procedures: it must not take a core from a
        // stopper, so it spins only briefly even when cores are free, and an explicit
        // stopper policy (e.g. a long spin) does not apply to it.
        coordinatorWaiter = Waiter(WaitPolicy(spinIterations: cpus.count < cores ? 200 : 0, yieldIterations: 4))
        progress = PaddedBlocks(count: cpus.count)
        logs = (0..<cpus.count).map { _ in StopperLog() }
    }

    @inline(__always)
    func word(_ word: Word) -> FutexWord { words.word(word.rawValue) }

    /// The failure counter for lifetime step `step`: steps alternate between two counters
    /// so a CPU deciding about step L never sees a failure of step L+1 (docs/LOCKSTEP.md).
    @inline(__always)
    func failureCounter(forLifetimeStep step: UInt32) -> FutexWord {
        word(step & 1 == 0 ? .failuresEven : .failuresOdd)
    }

    /// The watchdog's step tag: (lifetime step << 32 | cursor code) of the step in progress.
    var stepTag: UnsafeMutablePointer<Atomic<UInt64>> { words.wide(Word.stepTag.rawValue) }
    /// When the step named by `stepTag` began (monotonic ns).
    var stepStartNs: UnsafeMutablePointer<Atomic<UInt64>> { words.wideExtra(Word.stepTag.rawValue) }

    /// Moves `epoch` after the procedure slot was written, and wakes parked stoppers.
    func publish(_ publication: Publication) {
        self.publication = publication
        let epoch = word(.epoch)
        epoch.atomic.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
        epoch.wakeAllIfSleeping()
    }
}
