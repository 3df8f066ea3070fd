import BenchBaselines
import BenchSupport
import Dispatch

/// The step-transition baselines lockstep-bench compares the engine against. Each
/// function returns ns per step for `threads` threads; `cpus` pins thread i to
/// `cpus[i]`, `nil` leaves the threads to the scheduler (the oversubscribed runs).
enum Baselines {
    /// How long a kernel-scheme waiter spins before it starts calling sched_yield.
    static let yieldAfterNs: Int64 = 2_000

    static func pingPongRoundTrip(cpus: [Int], roundTrips: Int64) throws(BenchError) -> Double {
        try checkedBaseline("ping-pong", bench_pingpong_rtt_ns(Int32(cpus[0]), Int32(cpus[1]), roundTrips))
    }

    static func pthreadBarrier(threads: Int, cpus: [Int]?, steps: Int64) throws(BenchError) -> Double {
        let result = withPinning(threads: threads, cpus: cpus) { pointer in
            bench_pthread_barrier_step_ns(Int32(threads), pointer, steps)
        }
        return try checkedBaseline("pthread_barrier", result)
    }

    static func kernelScheme(threads: Int, cpus: [Int]?, steps: Int64, yielding: Bool) throws(BenchError) -> Double {
        let result = withPinning(threads: threads, cpus: cpus) { pointer in
            bench_kernel_scheme_step_ns(Int32(threads), pointer, steps, yielding ? yieldAfterNs : -1)
        }
        return try checkedBaseline(yielding ? "kernel scheme + yield" : "kernel scheme", result)
    }

    /// One `DispatchQueue.concurrentPerform(iterations: threads)` per step: the
    /// Swift-native way to run a closure on every CPU and wait for all of them.
    static func concurrentPerform(threads: Int, steps: Int64) -> Double {
        let start = monotonicNs()
        for _ in 0..<steps {
            DispatchQueue.concurrentPerform(iterations: threads) { _ in }
        }
        return Double(monotonicNs() - start) / Double(steps)
    }

    private static func withPinning(
        threads: Int, cpus: [Int]?, _ body: (UnsafePointer<Int32>?) -> Double
    ) -> Double {
        guard let cpus else { return body(nil) }
        let pins = (0..<threads).map { Int32(cpus[$0 % cpus.count]) }
        return pins.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
