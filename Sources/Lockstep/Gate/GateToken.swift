import CLockstep
import Synchronization

/// One worker thread's pass through a `StopGate`. Use it from one thread at a time.
///
/// `@unchecked` only because of the two cached word addresses: they point into padded
/// blocks owned by `slot` and `gate`, which the token keeps alive.
public final class GateToken: @unchecked Sendable {
    private let gate: StopGate
    private let slot: GateSlot
    @usableFromInline let active: UnsafeMutablePointer<Atomic<UInt32>>
    @usableFromInline let closed: UnsafeMutablePointer<Atomic<UInt32>>
    @usableFromInline let usesMembarrier: Bool

    init(gate: StopGate, slot: GateSlot) {
        self.gate = gate
        self.slot = slot
        active = slot.block.word(0).atomic
        closed = gate.closed.word(0).atomic
        usesMembarrier = gate.fastPath == .membarrier
    }

    deinit {
        gate.unregister(slot)
    }

    /// Enters the gate; waits while a stop is in progress. A few ns when none is pending.
    @inlinable
    public func enter() {
        if usesMembarrier {
            active.pointee.store(1, ordering: .relaxed)
            clockstep_compiler_barrier()
            if closed.pointee.load(ordering: .acquiring) == 0 { return }
        } else {
            _ = active.pointee.exchange(1, ordering: .sequentiallyConsistent)
            if closed.pointee.load(ordering: .sequentiallyConsistent) == 0 { return }
        }
        enterSlowly()
    }

    /// Leaves the gate; wakes a stop waiting for this token to drain.
    @inlinable
    public func leave() {
        active.pointee.store(0, ordering: .releasing)
        if closed.pointee.load(ordering: .relaxed) != 0 { wakeDrainer() }
    }

    /// Runs `body` inside the gate.
    @inlinable
    public func withEntry<R>(_ body: () throws -> R) rethrows -> R {
        enter()
        defer { leave() }
        return try body()
    }

    @usableFromInline
    func enterSlowly() {
        while true {
            active.pointee.store(0, ordering: .releasing)
            wakeDrainer()
            gate.waitWhileClosed()
            if usesMembarrier {
                active.pointee.store(1, ordering: .relaxed)
                clockstep_compiler_barrier()
                if closed.pointee.load(ordering: .acquiring) == 0 { return }
            } else {
                _ = active.pointee.exchange(1, ordering: .sequentiallyConsistent)
                if closed.pointee.load(ordering: .sequentiallyConsistent) == 0 { return }
            }
        }
    }

    /// The leaver's half of the Dekker handshake with a parked drainer.
    @usableFromInline
    func wakeDrainer() {
        atomicMemoryFence(ordering: .sequentiallyConsistent)
        slot.block.word(0).wakeAllIfSleeping()
    }
}
