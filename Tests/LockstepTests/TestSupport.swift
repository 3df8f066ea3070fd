import CLockstep
import Foundation
import Synchronization

@testable import Lockstep

/// An atomic integer in its own object, so tests can keep arrays of them.
final class Counter: Sendable {
    let value = Atomic<Int>(0)

    var current: Int { value.load(ordering: .acquiring) }

    @discardableResult
    func increment() -> Int { value.wrappingAdd(1, ordering: .acquiringAndReleasing).oldValue }
}

/// Counters per step plus a violation log, shared by every step body of a test procedure.
final class StepLedger: Sendable {
    let completed: [Counter]
    let started: [Counter]
    let serialInside = Atomic<Int>(0)
    private let violationLog = Mutex<[String]>([])

    init(steps: Int) {
        completed = (0..<steps).map { _ in Counter() }
        started = (0..<steps).map { _ in Counter() }
    }

    func violation(_ message: String) {
        violationLog.withLock { $0.append(message) }
    }

    var violations: [String] { violationLog.withLock { $0 } }
}

/// A small deterministic generator (SplitMix64), so failing seeds can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Busy-waits for about `ns` nanoseconds (a body doing work without sleeping).
func spin(forNs ns: UInt64) {
    let until = clockstep_monotonic_ns() &+ ns
    while clockstep_monotonic_ns() < until { clockstep_cpu_relax() }
}

/// A short random delay: nothing, a spin of up to 20 µs, or a yield.
func randomDelay(_ choice: UInt64) {
    switch choice % 4 {
    case 0: break
    case 1: spin(forNs: choice % 20_000)
    case 2: sched_yield()
    default: spin(forNs: 500)
    }
}

/// An error a test body throws on purpose.
struct InjectedFailure: Error, CustomStringConvertible, Equatable {
    let step: Int
    let cpu: Int
    var description: String { "injected failure at step \(step) on CPU \(cpu)" }
}

/// Runs `body` on a new thread and returns a way to join it.
func startThread(_ body: @escaping @Sendable () -> Void) -> @Sendable () -> Void {
    let done = Counter()
    let thread = Thread {
        body()
        done.increment()
    }
    thread.stackSize = 1 << 20
    thread.start()
    return {
        while done.current == 0 { usleep(200) }
    }
}
