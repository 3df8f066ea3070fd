import Synchronization

/// A view of one padded futex word and its sleeper count. It does not own the memory:
/// the `PaddedBlocks` it came from must outlive it.
struct FutexWord: @unchecked Sendable {
    let atomic: UnsafeMutablePointer<Atomic<UInt32>>
    let sleepers: UnsafeMutablePointer<Atomic<UInt32>>

    /// The address handed to the kernel.
    var address: UnsafeMutablePointer<UInt32> {
        UnsafeMutableRawPointer(atomic).assumingMemoryBound(to: UInt32.self)
    }

    /// Wakes every thread parked on the word, but only if one announced itself: the
    /// waker's half of the Dekker handshake (its change to the word must be seq_cst, or be
    /// followed by a seq_cst fence, before this call).
    @inline(__always)
    func wakeAllIfSleeping() {
        if sleepers.pointee.load(ordering: .sequentiallyConsistent) != 0 {
            Futex.wake(address, count: Int32.max)
        }
    }

    /// Like `wakeAllIfSleeping()`, but wakes only the parked threads whose tag intersects
    /// `bits` (see `Waiter.waitForTurn`).
    @inline(__always)
    func wakeIfSleeping(bits: UInt32) {
        if sleepers.pointee.load(ordering: .sequentiallyConsistent) != 0 {
            Futex.wake(address, count: Int32.max, bits: bits)
        }
    }

    /// The futex tag of queue position `index`: one of 32 bits, shared by positions 32 apart
    /// (a shared bit only costs a spurious wake-up and a re-check).
    @inline(__always)
    static func bit(forPosition index: Int) -> UInt32 {
        1 << UInt32(truncatingIfNeeded: index & 31)
    }
}
