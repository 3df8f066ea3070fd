import CLockstep
import Glibc
import Synchronization

/// How a thread of the engine waits for another: spin with the pause hint, then yield the
/// CPU, then park on a futex.
///
/// Spinning is the fastest hand-off (a cache-line transfer, tens of ns) but burns the core
/// that the awaited thread may need when there are more threads than cores; yielding lets
/// that thread run; parking costs a wake-up (µs) but never burns a scheduler slice.
/// `.automatic` picks the budgets from the engine's thread count and the online cores.
public struct WaitPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Loads with the pause hint between them before the first yield (nil: automatic).
    public let spinIterations: Int?
    /// `sched_yield()` calls (each followed by a load) before parking (nil: automatic).
    public let yieldIterations: Int?

    /// A policy with explicit budgets; `0` skips a phase (both `0`: park at once).
    public init(spinIterations: Int, yieldIterations: Int) {
        self.spinIterations = max(0, spinIterations)
        self.yieldIterations = max(0, yieldIterations)
    }

    private init(automatic: Void) {
        spinIterations = nil
        yieldIterations = nil
    }

    /// Budgets chosen from the number of engine threads versus online cores: a long spin
    /// (tens of µs) when every thread has a core, a short spin and many yields otherwise.
    public static let automatic = WaitPolicy(automatic: ())

    /// Whether the budgets are picked per engine (`.automatic`).
    public var isAutomatic: Bool { spinIterations == nil }

    public var description: String {
        isAutomatic
            ? "automatic" : "spin \(spinIterations ?? 0), yield \(yieldIterations ?? 0), then park"
    }

    /// The concrete budgets for `threads` busy threads on `cores` online cores.
    public func resolved(threads: Int, cores: Int = CPUSet.usableCoreCount) -> WaitPolicy {
        if let spinIterations, let yieldIterations {
            return WaitPolicy(spinIterations: spinIterations, yieldIterations: yieldIterations)
        }
        if threads <= max(1, cores) {
            // Every waiter has its own core: spin ~50 µs (pause is ~25 ns here), far longer
            // than a step transition and about three futex wake-ups.
            return WaitPolicy(spinIterations: 2_000, yieldIterations: 64)
        }
        // Oversubscribed: the thread we wait for probably needs our core, so hand it over
        // at once (measured: 4 and 8 threads on 2 cores step 2-3x faster than after even a
        // 1 µs spin); park only if yielding does not get us there either.
        return WaitPolicy(spinIterations: 0, yieldIterations: 100 + 8 * threads)
    }
}

/// A resolved `WaitPolicy` applied to futex words: the engine's one waiting routine.
struct Waiter: Sendable {
    let spins: Int
    let yields: Int

    init(_ policy: WaitPolicy) {
        spins = policy.spinIterations ?? 0
        yields = policy.yieldIterations ?? 0
    }

    /// Waits until `done(word)` holds; returns the value that satisfied it (loaded with
    /// acquire ordering, so writes released before it are visible).
    @inline(__always)
    func wait(on word: FutexWord, until done: (UInt32) -> Bool) -> UInt32 {
        // Without a deadline the timed wait only returns once `done` holds.
        waitTimed(on: word, deadlineNs: nil, until: done)!
    }

    /// Waits until `done(word)` holds or the monotonic clock passes `deadlineNs`; returns
    /// the satisfying value, or nil on timeout. A park is tagged with `bits` when given (then
    /// without a deadline; see `waitForTurn`).
    @inline(__always)
    func waitTimed(
        on word: FutexWord, bits: UInt32? = nil, deadlineNs: UInt64?, until done: (UInt32) -> Bool
    ) -> UInt32? {
        var value = word.atomic.pointee.load(ordering: .acquiring)
        if done(value) { return value }
        var spun = 0
        while spun < spins {
            clockstep_cpu_relax()
            value = word.atomic.pointee.load(ordering: .acquiring)
            if done(value) { return value }
            spun &+= 1
        }
        var yielded = 0
        while yielded < yields {
            sched_yield()
            value = word.atomic.pointee.load(ordering: .acquiring)
            if done(value) { return value }
            yielded &+= 1
            if let deadlineNs, yielded & 15 == 0, clockstep_monotonic_ns() >= deadlineNs {
                return nil
            }
        }
        return park(on: word, bits: bits, deadlineNs: deadlineNs, until: done)
    }

    /// Waits until `word == turn`, for a thread in a queue that the word walks through one
    /// position at a time (serial steps: the CPUs in index order).
    ///
    /// The thread parks tagged with its position's bit (`FutexWord.bit(forPosition:)`), so
    /// the hand-off wakes only the next in line (`FutexWord.wakeIfSleeping(bits:)`) instead
    /// of every waiter. With no spin budget (more engine threads than cores), a thread that
    /// is not next in line parks at once: its yields would hand the core to other waiters,
    /// not to the turn's holder.
    @inline(__always)
    func waitForTurn(on word: FutexWord, turn: UInt32, bits: UInt32) {
        let value = word.atomic.pointee.load(ordering: .acquiring)
        if value == turn { return }
        if spins == 0 && value &+ 1 != turn {
            _ = park(on: word, bits: bits, deadlineNs: nil) { $0 == turn }
        } else {
            _ = waitTimed(on: word, bits: bits, deadlineNs: nil) { $0 == turn }
        }
    }

    /// The waiter's half of the Dekker handshake: announce, re-check, sleep on the value
    /// seen. Either the waker sees the announcement or this thread sees the new value.
    /// With `bits` the sleep is tagged (no deadline then): only a wake with those bits ends it.
    private func park(
        on word: FutexWord, bits: UInt32?, deadlineNs: UInt64?, until done: (UInt32) -> Bool
    ) -> UInt32? {
        while true {
            word.sleepers.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
            let value = word.atomic.pointee.load(ordering: .sequentiallyConsistent)
            if done(value) {
                word.sleepers.pointee.wrappingSubtract(1, ordering: .relaxed)
                return value
            }
            var timeout: UInt64?
            if let deadlineNs {
                let now = clockstep_monotonic_ns()
                if now >= deadlineNs {
                    word.sleepers.pointee.wrappingSubtract(1, ordering: .relaxed)
                    return nil
                }
                timeout = deadlineNs - now
            }
            if let bits {
                Futex.wait(word.address, expected: value, bits: bits)
            } else {
                Futex.wait(word.address, expected: value, timeoutNs: timeout)
            }
            word.sleepers.pointee.wrappingSubtract(1, ordering: .relaxed)
            let after = word.atomic.pointee.load(ordering: .acquiring)
            if done(after) { return after }
        }
    }
}
