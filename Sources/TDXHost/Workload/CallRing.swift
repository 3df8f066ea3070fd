import Synchronization

/// The last `capacity` SEAMCALLs of one TD in a fixed ring: written by the TD's own
/// workload thread on every call (three plain stores, no allocation, no lock), read at any
/// time by another thread.
///
/// A reader may race the writer wrapping around: the writer announces a record (`started`)
/// before it overwrites a slot and publishes it (`committed`) after. The reader copies the
/// committed records, then (after an acquire fence, which pairs with the writer's release
/// fence) drops every record the writer may have started to overwrite meanwhile. What is
/// left is exactly what was written for those indices.
final class CallRing: @unchecked Sendable {
    /// How many calls the ring keeps (a power of two).
    let capacity: Int
    private let mask: Int
    private let slots: UnsafeMutablePointer<Atomic<UInt64>>
    /// Records the writer has begun (it may be overwriting slot `started - 1`).
    private let started = Atomic<Int>(0)
    /// Records the writer has finished.
    private let committed = Atomic<Int>(0)

    /// A ring keeping at least `capacity` calls (rounded up to a power of two, at least 1).
    init(capacity: Int) {
        var size = 1
        while size < capacity { size <<= 1 }
        self.capacity = size
        mask = size - 1
        slots = .allocate(capacity: size)
        for index in 0..<size { (slots + index).initialize(to: Atomic(0)) }
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    /// Records a call. Only the ring's one writer thread may call this.
    @inline(__always)
    func record(ns: UInt64, succeeded: Bool) {
        let index = committed.load(ordering: .relaxed)
        started.store(index &+ 1, ordering: .relaxed)
        atomicMemoryFence(ordering: .releasing)
        slots[index & mask].store(ns << 1 | (succeeded ? 0 : 1), ordering: .relaxed)
        committed.store(index &+ 1, ordering: .releasing)
    }

    /// How many calls were recorded in all (also those the ring no longer holds).
    var recorded: Int { committed.load(ordering: .acquiring) }

    /// The calls the ring holds, oldest first. Safe from any thread while the writer runs.
    func snapshot() -> [TDCall] {
        let end = committed.load(ordering: .acquiring)
        let begin = max(0, end - capacity)
        var words: [UInt64] = []
        words.reserveCapacity(end - begin)
        for index in begin..<end { words.append(slots[index & mask].load(ordering: .relaxed)) }
        atomicMemoryFence(ordering: .acquiring)
        let firstIntact = max(begin, started.load(ordering: .relaxed) - capacity)
        guard firstIntact < end else { return [] }
        return words[(firstIntact - begin)...].map { TDCall(ns: $0 >> 1, succeeded: $0 & 1 == 0) }
    }
}
