import Synchronization

/// A run of 128-byte blocks, each holding atomics that no other block's traffic touches.
///
/// Swift has no `alignas` and `Array` cannot hold `~Copyable` atomics, so the blocks are
/// allocated by hand. 128 bytes is two cache lines, which also defeats
/// the adjacent-line prefetcher. Layout of one block:
///
/// | offset | field | use |
/// |---|---|---|
/// | 0 | `word: Atomic<UInt32>` | the value waited on (a futex word) |
/// | 8 | `wide: Atomic<UInt64>` | a 64-bit companion value written with the word |
/// | 16 | `wideExtra: Atomic<UInt64>` | a second 64-bit companion value |
/// | 64 | `sleepers: Atomic<UInt32>` | threads parked (or about to park) on `word` |
///
/// The sleeper count lives on the block's second cache line so that parking threads do
/// not disturb the line that spinning threads read.
final class PaddedBlocks: @unchecked Sendable {
    static let blockSize = 128
    private static let wideOffset = 8
    private static let wideExtraOffset = 16
    private static let sleepersOffset = 64

    let count: Int
    private let base: UnsafeMutableRawPointer

    init(count: Int) {
        precondition(count > 0, "PaddedBlocks needs at least one block")
        self.count = count
        base = .allocate(byteCount: Self.blockSize * count, alignment: Self.blockSize)
        for index in 0..<count {
            let block = base + index * Self.blockSize
            block.initializeMemory(as: UInt8.self, repeating: 0, count: Self.blockSize)
            block.bindMemory(to: Atomic<UInt32>.self, capacity: 1).initialize(to: Atomic(0))
            (block + Self.wideOffset).bindMemory(to: Atomic<UInt64>.self, capacity: 1)
                .initialize(to: Atomic(0))
            (block + Self.wideExtraOffset).bindMemory(to: Atomic<UInt64>.self, capacity: 1)
                .initialize(to: Atomic(0))
            (block + Self.sleepersOffset).bindMemory(to: Atomic<UInt32>.self, capacity: 1)
                .initialize(to: Atomic(0))
        }
    }

    deinit {
        for index in 0..<count {
            let block = base + index * Self.blockSize
            block.assumingMemoryBound(to: Atomic<UInt32>.self).deinitialize(count: 1)
            (block + Self.wideOffset).assumingMemoryBound(to: Atomic<UInt64>.self)
                .deinitialize(count: 1)
            (block + Self.wideExtraOffset).assumingMemoryBound(to: Atomic<UInt64>.self)
                .deinitialize(count: 1)
            (block + Self.sleepersOffset).assumingMemoryBound(to: Atomic<UInt32>.self)
                .deinitialize(count: 1)
        }
        base.deallocate()
    }

    /// The futex word of block `index` (with its sleeper count). Valid while `self` lives.
    @inline(__always)
    func word(_ index: Int) -> FutexWord {
        precondition(index >= 0 && index < count, "block \(index) out of 0..<\(count)")
        let block = base + index * Self.blockSize
        return FutexWord(
            atomic: block.assumingMemoryBound(to: Atomic<UInt32>.self),
            sleepers: (block + Self.sleepersOffset).assumingMemoryBound(to: Atomic<UInt32>.self))
    }

    /// The first 64-bit companion of block `index`. Valid while `self` lives.
    @inline(__always)
    func wide(_ index: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        precondition(index >= 0 && index < count, "block \(index) out of 0..<\(count)")
        return (base + index * Self.blockSize + Self.wideOffset)
            .assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    /// The second 64-bit companion of block `index`. Valid while `self` lives.
    @inline(__always)
    func wideExtra(_ index: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        precondition(index >= 0 && index < count, "block \(index) out of 0..<\(count)")
        return (base + index * Self.blockSize + Self.wideExtraOffset)
            .assumingMemoryBound(to: Atomic<UInt64>.self)
    }
}
