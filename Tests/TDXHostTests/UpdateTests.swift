import Foundation
import Lockstep
import TDXSysfs
import Testing

@testable import TDXHost

@Suite("update: every TD preserved, no SEAMCALL overlaps the update")
struct UpdateTests {
    @Test(
        "an update on N CPUs with running TDs completes and keeps every TD",
        .timeLimit(.minutes(3)), arguments: [1, 2, 64])
    func updatePreservesTDs(cpus: Int) throws {
        let host = try Fixtures.host(cpus: cpus, tds: 3)
        defer { host.shutdown() }
        host.startWorkloads()
        #expect(host.workloads.waitForProgress(since: host.workloads.progress, calls: 5, timeout: .seconds(30)))

        try host.upload(Fixtures.v1_5_08)
        let attempt = try #require(host.kernel.lastUpdate)

        #expect(attempt.outcome == .completed)
        #expect(attempt.refusal == nil)
        #expect(attempt.versionBefore.description == "1.5.06")
        #expect(attempt.versionAfter?.description == "1.5.08")
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/version") == "1.5.08\n")
        #expect(host.sysfsText("/sys/class/firmware/tdx_module" + "/error") == "")
        #expect(host.layer.seamcallOverlaps == 0)
        let before = try #require(attempt.tdDigestsBefore)
        #expect(before.count == 3 && before.allSatisfy { !$0.isEmpty })
        #expect(attempt.tdDigestsAfter == before)
        #expect(attempt.tdsPreserved)

        let atUpdate = host.workloads.progress
        #expect(
            host.workloads.waitForProgress(since: atUpdate, calls: 5, timeout: .seconds(30)),
            "every TD runs on the new module")
        #expect(host.workloads.progress.allSatisfy { $0.failedCalls == 0 })
        #expect(host.layer.seamcallOverlaps == 0)

        let report = try #require(attempt.report)
        #expect(report.steps.map(\.name) == ["shutdown", "install", "init", "restore"])
        #expect(report.steps.map(\.scope) == ["once", "serial", "concurrent", "once"])
        #expect(report.steps.map(\.cpus.count) == [1, cpus, cpus, 1])
        #expect((report.stoppedNs ?? 0) > 0)
        let install = report.steps[1].cpus
        #expect(install.map(\.cpu) == Array(0..<cpus))
        for (earlier, later) in zip(install, install.dropFirst()) {
            #expect(earlier.endNs <= later.startNs, "serial install never runs two CPUs at once")
        }
        for (step, next) in zip(report.steps, report.steps.dropFirst()) {
            let lastEnd = step.cpus.map(\.endNs).max() ?? 0
            let firstStart = next.cpus.map(\.startNs).min() ?? 0
            #expect(lastEnd <= firstStart, "\(next.name) starts only after every CPU finished \(step.name)")
        }
    }

    @Test(
        "two updates in a row: 1.5.06 -> 1.5.08 -> 1.5.09, remaining updates drop by one each", .timeLimit(.minutes(3)))
    func twoUpdates() throws {
        let host = try Fixtures.host(cpus: 2, tds: 2)
        defer { host.shutdown() }
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/num_remaining_updates") == "15\n")
        #expect(host.update(imageBytes: Fixtures.v1_5_08).outcome == .completed)
        let v1_5_09 = try BuiltinImages.image(version: .init(major: 1, minor: 5, update: 9))
        let second = host.update(imageBytes: v1_5_09)
        #expect(second.outcome == .completed)
        #expect(second.versionBefore.description == "1.5.08")
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/version") == "1.5.09\n")
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/num_remaining_updates") == "13\n")
        #expect(second.tdsPreserved)
    }

    @Test("a benchmark host: simulated CPUs, free firmware, no TDs, per-step per-CPU timings", .timeLimit(.minutes(3)))
    func benchmarkHost() throws {
        var configuration = HostConfiguration.benchmark(cpuCount: 16)
        configuration.runningImage = Fixtures.v1_5_06
        let host = try SimulatedHost(configuration: configuration)
        defer { host.shutdown() }
        let attempt = host.update(imageBytes: Fixtures.v1_5_08)
        #expect(attempt.outcome == .completed)
        #expect(attempt.versionAfter?.description == "1.5.08")
        let report = try #require(attempt.report)
        #expect(report.steps.map(\.cpus.count) == [1, 16, 16, 1])
        #expect(host.layer.tdCalls == 0)
        #expect(host.workloads.count == 0)
    }
}
