import CLockstep
import SystemSupport

/// The stop-the-world gate: work that must never overlap a procedure runs inside it.
///
/// Each worker thread registers once and gets a `GateToken`; `enter()` and `leave()`
/// bracket the protected work. `StopMachine.stopTheWorld` closes the gate, waits until no
/// token is inside, runs the procedure and reopens. With no stop pending, enter + leave are
/// two plain stores to the token's own cache line and one load of a line only written when
/// a stop begins: nothing bounces between threads (docs/LOCKSTEP.md, "The stop-the-world
/// gate").
public final class StopGate: Sendable {
    /// How `enter()` orders its store of "inside" before its load of "closed".
    public enum FastPath: String, Sendable, Codable {
        /// A plain store and a compiler barrier; the stopper's `membarrier` supplies the
        /// fence on every worker's behalf (Linux 4.14+).
        case membarrier
        /// A locked exchange (a full fence) on every enter: the fallback.
        case lockedExchange = "locked_exchange"
    }

    /// The fast path in force: `.membarrier` when requested and registration succeeded.
    public let fastPath: FastPath
    /// `word`: stops in progress (0: open). Workers park on it while it is closed.
    let closed = PaddedBlocks(count: 1)
    private let waiter = Waiter(WaitPolicy(spinIterations: 64, yieldIterations: 32))
    private let slots = ThreadLocked<[ObjectIdentifier: GateSlot]>([:])

    /// A gate using `preferred` if the system allows it (`.membarrier` falls back to
    /// `.lockedExchange` when membarrier registration fails).
    public init(preferring preferred: FastPath) {
        fastPath = preferred == .membarrier && Membarrier.isAvailable ? .membarrier : .lockedExchange
    }

    /// A gate with the fastest available fast path.
    public convenience init() {
        self.init(preferring: .membarrier)
    }

    /// A token for the calling worker thread. Use one token per thread; release it when the
    /// thread stops doing gate-protected work.
    public func register() -> GateToken {
        let slot = GateSlot()
        slots.withLock { $0[ObjectIdentifier(slot)] = slot }
        return GateToken(gate: self, slot: slot)
    }

    /// How many tokens are registered.
    public var registeredTokens: Int { slots.withLock { $0.count } }

    /// Whether a stop is in progress.
    public var isClosed: Bool { closed.word(0).atomic.pointee.load(ordering: .acquiring) != 0 }

    func unregister(_ slot: GateSlot) {
        _ = slots.withLock { $0.removeValue(forKey: ObjectIdentifier(slot)) }
    }

    /// Closes the gate and returns once no token is inside.
    func close() {
        closed.word(0).atomic.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
        if fastPath == .membarrier { Membarrier.globalFence() }
        let registered = slots.withLock { Array($0.values) }
        for slot in registered {
            let active = slot.block.word(0)
            // Timed waits only as a safety net: `leave` wakes a parked drainer.
            while waiter.waitTimed(
                on: active, deadlineNs: clockstep_monotonic_ns() &+ 10_000_000, until: { $0 == 0 })
                == nil
            {}
        }
    }

    /// Reopens the gate and wakes workers waiting to enter.
    func reopen() {
        let word = closed.word(0)
        word.atomic.pointee.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        word.wakeAllIfSleeping()
    }

    /// A worker found the gate closed: step out, let the drainer go on, wait for the reopen.
    func waitWhileClosed() {
        _ = waiter.wait(on: closed.word(0)) { $0 == 0 }
    }
}
