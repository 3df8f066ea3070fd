import CLockstep
import Glibc
import Synchronization

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
