import BenchBaselines
import BenchSupport
import Benchmark
import Crypto
import Foundation
import Lockstep
import TDXImage

// The hot paths of the product under ordo-one/benchmark, each next to the baseline it is
// judged against, measured in the same run: `swift package --package-path Benchmarks
// benchmark`. The executables (lockstep-bench, image-bench, blackout-bench) stay the
// source of the goal tables: they interleave contenders and run the C baselines.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.maxDuration = .seconds(2)
    Benchmark.defaultConfiguration.maxIterations = 10_000

    gateBenchmarks()
    stepBenchmarks()
    imageBenchmarks()
}

/// `GateToken.enter()` + `leave()` with no stop pending: the cost every SEAMCALL pays.
/// The malloc count shows the fast path never allocates.
private func gateBenchmarks() {
    Benchmark(
        "Gate enter+leave, no stop pending (x1000)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal])
    ) { benchmark in
        let gate = StopGate()
        let token = gate.register()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for _ in 0..<1_000 {
                token.enter()
                token.leave()
            }
        }
        benchmark.stopMeasurement()
    }
}

/// One step transition of the engine on two pinned CPUs, and the cache-line round trip
/// that is its floor, as custom metrics in ns, each iteration a fresh 100,000-step (or
/// round-trip) sample so the percentiles show the run-to-run spread of this shared VM.
private func stepBenchmarks() {
    guard let cpus = try? CPUSet.online(), cpus.count >= 2 else { return }
    let nsPerStep = BenchmarkMetric.custom("ns per step", useScalingFactor: false)
    let nsPerRoundTrip = BenchmarkMetric.custom("ns per round trip", useScalingFactor: false)
    let samples = Benchmark.Configuration(metrics: [nsPerStep], maxDuration: .seconds(3), maxIterations: 25)

    Benchmark("Lockstep step transition, 2 pinned CPUs", configuration: samples) { benchmark in
        let rig = try EngineRig(threads: 2, pinned: true, waitPolicy: .automatic)
        for _ in benchmark.scaledIterations {
            benchmark.measurement(nsPerStep, Int(rig.nsPerStep(scope: .concurrent, count: 100_000).rounded()))
        }
    }
    Benchmark("Lockstep serial step, 2 pinned CPUs", configuration: samples) { benchmark in
        let rig = try EngineRig(threads: 2, pinned: true, waitPolicy: .automatic)
        for _ in benchmark.scaledIterations {
            benchmark.measurement(nsPerStep, Int(rig.nsPerStep(scope: .serial, count: 100_000).rounded()))
        }
    }
    Benchmark(
        "Baseline: C ping-pong round trip, 2 pinned CPUs",
        configuration: .init(metrics: [nsPerRoundTrip], maxDuration: .seconds(3), maxIterations: 25)
    ) { benchmark in
        let ids = cpus.cpus.map(\.id)
        for _ in benchmark.scaledIterations {
            let ns = try checkedBaseline("ping-pong", bench_pingpong_rtt_ns(Int32(ids[0]), Int32(ids[1]), 100_000))
            benchmark.measurement(nsPerRoundTrip, Int(ns.rounded()))
        }
    }
}

/// Parse + verify of the largest Intel blob (a generated 600 KiB image without them),
/// next to SHA-384 of the same bytes: verify should cost the hash plus one RSA verify.
private func imageBenchmarks() {
    guard let (bytes, policy) = try? imageUnderTest() else { return }
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]
    Benchmark("Image parse + verify (\(bytes.count / 1024) KiB)", configuration: .init(metrics: metrics)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            let report = try ModuleImage(parsing: bytes).verify(trusting: policy)
            precondition(report.allPassed, "the benchmark image must verify")
        }
    }
    Benchmark("Baseline: SHA-384 of the same \(bytes.count / 1024) KiB", configuration: .init(metrics: metrics)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SHA384.hash(data: bytes))
        }
    }
}

private func imageUnderTest() throws -> ([UInt8], TrustPolicy) {
    if let folder = IntelBinaries.folder(), let blob = IntelBinaries.largestBlob(in: folder),
        let data = FileManager.default.contents(atPath: blob.path)
    {
        return (Array(data), .intel)
    }
    return (try TestImageSigner().makeImage(modulePages: 150, format: .v1).bytes, .test)
}
