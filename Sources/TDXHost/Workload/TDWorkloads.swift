import Foundation
import Lockstep
import Synchronization
import SystemSupport
import TDXFirmware

/// One workload thread per TD, each issuing the TD's SEAMCALLs through the stop gate in a
/// loop, as a vCPU thread would: enter the gate, run the TD a while, leave, yield.
///
/// While an update holds the gate closed the threads wait at `enter`; the gap between two
/// successful calls then measures the TD's blackout.
public final class TDWorkloads: Sendable {
    private final class Counters: Sendable {
        let successes = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
        let lastFailure = Atomic<UInt64>(0)
        let lastSuccessNs = Atomic<UInt64>(0)
        let longestGapNs = Atomic<UInt64>(0)
        let calls: CallRing

        init(callHistory: Int) { calls = CallRing(capacity: callHistory) }
    }

    private let layer: SeamcallLayer
    private let gate: StopGate
    private let cpuCount: Int
    private let counters: [Counters]
    private let running = Atomic<Bool>(false)
    private let threads = DispatchGroup()
    /// Nanoseconds between the starts of two calls of one TD; 0: back to back.
    private let callIntervalNs: UInt64

    /// Workloads for TDs `0..<tdCount`; TD `i` runs on LP `i % cpuCount`. With
    /// `callsPerSecond`, each TD paces its calls to that rate (a served host idles
    /// cheaply); without, each calls back to back, yielding between calls. Each TD keeps
    /// its last `callHistory` SEAMCALLs (rounded up to a power of two) for
    /// ``recentCalls()``.
    public init(
        layer: SeamcallLayer, gate: StopGate, tdCount: Int, cpuCount: Int, callsPerSecond: Int? = nil,
        callHistory: Int = 4096
    ) {
        self.layer = layer
        self.gate = gate
        self.cpuCount = max(1, cpuCount)
        self.counters = (0..<tdCount).map { _ in Counters(callHistory: callHistory) }
        self.callIntervalNs = callsPerSecond.map { 1_000_000_000 / UInt64(max(1, $0)) } ?? 0
    }

    /// The number of TDs driven.
    public var count: Int { counters.count }

    /// Starts one thread per TD (no-op when already running).
    public func start() {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for td in counters.indices {
            threads.enter()
            let thread = Thread { [self] in
                drive(td: td)
                threads.leave()
            }
            thread.name = "td\(td)"
            thread.start()
        }
    }

    /// Stops every thread and waits for them; returns the final progress.
    @discardableResult
    public func stop() -> [TDProgress] {
        running.store(false, ordering: .releasing)
        threads.wait()
        return progress
    }

    /// Each TD's progress now.
    public var progress: [TDProgress] {
        counters.indices.map { td in
            let c = counters[td]
            let failure = c.lastFailure.load(ordering: .relaxed)
            return TDProgress(
                td: td, successfulCalls: c.successes.load(ordering: .relaxed),
                failedCalls: c.failures.load(ordering: .relaxed),
                lastFailure: failure == 0 ? nil : SeamcallStatus(rawValue: failure).description,
                longestGapNs: c.longestGapNs.load(ordering: .relaxed))
        }
    }

    /// Each TD's most recent SEAMCALLs (when each returned, and whether it succeeded),
    /// oldest first: what a picture of an update draws in the TD lanes. Safe while the
    /// workloads run.
    public func recentCalls() -> [TDCallHistory] {
        counters.indices.map { td in
            let failure = counters[td].lastFailure.load(ordering: .relaxed)
            return TDCallHistory(
                td: td, calls: counters[td].calls.snapshot(),
                lastFailure: failure == 0 ? nil : SeamcallStatus(rawValue: failure).statusName)
        }
    }

    /// Waits until every TD made at least `calls` more successful calls than in `since`,
    /// or `timeout` passes; returns whether they all did.
    public func waitForProgress(since: [TDProgress], calls: Int = 1, timeout: Duration = .seconds(5)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let now = progress
            if zip(now, since).allSatisfy({ $0.successfulCalls >= $1.successfulCalls + calls }) { return true }
            Thread.sleep(forTimeInterval: 0.001)
        }
        return false
    }

    private func drive(td: Int) {
        let token = gate.register()
        let c = counters[td]
        let lp = td % cpuCount
        var nextCallNs = MonotonicClock.now
        while running.load(ordering: .relaxed) {
            if callIntervalNs > 0 { nextCallNs = Self.sleep(until: nextCallNs, interval: callIntervalNs) }
            token.enter()
            let status = layer.tdCall(td: td, lp: lp)
            // Read inside the gate: a call's time is then never after the drain that waited for it.
            let now = MonotonicClock.now
            token.leave()
            c.calls.record(ns: now, succeeded: !status.isError)
            if status.isError {
                c.failures.wrappingAdd(1, ordering: .relaxed)
                c.lastFailure.store(status.rawValue, ordering: .relaxed)
                // A TD whose module is gone stops running; keep polling slowly.
                Thread.sleep(forTimeInterval: 0.001)
            } else {
                let previous = c.lastSuccessNs.exchange(now, ordering: .relaxed)
                if previous != 0, now > previous {
                    let gap = now - previous
                    if gap > c.longestGapNs.load(ordering: .relaxed) {
                        c.longestGapNs.store(gap, ordering: .relaxed)
                    }
                }
                c.successes.wrappingAdd(1, ordering: .relaxed)
            }
            if callIntervalNs == 0 { sched_yield() }
        }
    }

    /// Sleeps until `deadline` and returns the next one, `interval` later; a TD that fell
    /// behind (its calls blocked by an update) resumes its pace without a burst.
    private static func sleep(until deadline: UInt64, interval: UInt64) -> UInt64 {
        let now = MonotonicClock.now
        if deadline > now {
            var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
            return deadline + interval
        }
        return now + interval
    }
}
