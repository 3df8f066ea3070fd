import BenchSupport
import Foundation
import Lockstep
import TDXHost
import TDXImage

/// Blackouts of real updates through the simulated host's kernel driver (prechecks, the
/// stop-the-world procedure of TDXHost, its SEAMCALL layer), with firmware calls free.
enum HostUpdates {
    /// Runs `repetitions` updates (after two warm-up updates) on a host with `cpus` CPUs
    /// (2: this machine's pinned CPUs; more: simulated) and returns the medians.
    static func measure(cpus count: Int, tds: Int, repetitions: Int) throws -> BlackoutRow {
        var configuration = HostConfiguration.benchmark(cpuCount: count)
        if count == 2 { configuration.cpus = .online }
        configuration.tdCount = tds
        configuration.runsWorkloads = tds > 0
        let updates = repetitions + 2
        configuration.remainingUpdates = UInt32(updates + 1)
        let host = try SimulatedHost(configuration: configuration)
        defer { host.shutdown() }
        if tds > 0 { host.startWorkloads() }
        // Each update goes one version up, so no precheck refuses it as a reinstall.
        let from = configuration.runningVersion
        let images = try (1...updates).map { offset in
            try BuiltinImages.image(
                version: ModuleVersion(major: from.major, minor: from.minor, update: from.update + offset))
        }
        var reports: [ProcedureReport] = []
        for (index, image) in images.enumerated() {
            let attempt = host.update(imageBytes: image)
            guard attempt.outcome == .completed, let report = attempt.report else {
                throw BenchError.input(
                    path: "update \(index + 1) on \(count) CPUs",
                    reason: "ended \(attempt.outcome.rawValue) (refusal: \(String(describing: attempt.refusal)), "
                        + "failures: \(attempt.failures))")
            }
            if index >= 2 { reports.append(report) }
        }
        return BlackoutRow(cpus: count, pinned: host.cpus.isPinned, reports: reports, gateEntries: nil)
    }
}
