import Foundation
import Lockstep
import TDXFirmware
import TDXSysfs
import Testing

@testable import TDXHost

/// A fault at a step on the first, a middle or the last CPU of a 3-CPU host.
struct FaultCase: CustomTestStringConvertible, Sendable {
    let step: UpdateStep
    let cpu: Int
    var testDescription: String { "\(step):\(cpu)" }

    static let all: [FaultCase] = [
        FaultCase(step: .shutdown, cpu: 0),
        FaultCase(step: .install, cpu: 0), FaultCase(step: .install, cpu: 1), FaultCase(step: .install, cpu: 2),
        FaultCase(step: .`init`, cpu: 0), FaultCase(step: .`init`, cpu: 1), FaultCase(step: .`init`, cpu: 2),
        FaultCase(step: .restore, cpu: 0),
    ]
    static let pastShutdown = all.filter { $0.step != .shutdown }
}

@Suite("failures: the mainline failure rule, ENXIO, and opt-in recovery")
struct FailureTests {
    static let versionPath = "/sys/devices/faux/tdx_host/version"
    static let errorPath = "/sys/class/firmware/tdx_module" + "/error"

    @Test("a fault at each step on a first, middle and last CPU", .timeLimit(.minutes(3)), arguments: FaultCase.all)
    func faultGivesSpecOutcome(fault: FaultCase) throws {
        let host = try Fixtures.host(cpus: 3, tds: 2) {
            $0.faults = [StepFault(step: fault.step, cpu: fault.cpu)]
        }
        defer { host.shutdown() }
        host.startWorkloads()
        #expect(host.workloads.waitForProgress(since: host.workloads.progress, calls: 3, timeout: .seconds(30)))
        try host.upload(Fixtures.v1_5_08)
        let attempt = try #require(host.kernel.lastUpdate)
        let report = try #require(attempt.report)

        #expect(host.sysfsText(Self.errorPath) == "transferring:firmware-invalid\n")
        #expect(attempt.failures.count == 1)
        #expect(attempt.failures.first?.step == fault.step)
        #expect(attempt.failures.first?.cpu == fault.cpu)
        #expect(attempt.failures.first?.injected == true)
        #expect(host.layer.seamcallOverlaps == 0)
        let failedStep = try #require(report.failedStep)
        #expect(report.steps[failedStep].name == fault.step.rawValue)
        #expect(report.steps.count == failedStep + 1, "no step starts after the failing one")
        // Every CPU still finished its own work of the failing step.
        let expectedCPUs = fault.step.runsOnce ? 1 : 3
        #expect(report.steps[failedStep].cpus.count == expectedCPUs)

        if fault.step == .shutdown {
            #expect(attempt.outcome == .failedHarmless)
            #expect(host.sysfsText(Self.versionPath) == "1.5.06\n")
            #expect(attempt.tdsPreserved)
            #expect(attempt.tdDigestsAfter == attempt.tdDigestsBefore)
            let after = host.workloads.progress
            #expect(
                host.workloads.waitForProgress(since: after, calls: 3, timeout: .seconds(30)),
                "TDs keep running on the old module")
        } else {
            #expect(attempt.outcome == .failedFatal)
            #expect(host.sysfsText(Self.versionPath) == "ENXIO")
            #expect(attempt.versionAfter == nil)
            #expect(!attempt.tdsPreserved)
            #expect(host.workloads.waitForFailures(), "TD SEAMCALLs fail once the module is gone")
        }
    }

    @Test(
        "with recovery, a fault past shutdown re-installs the previous image and keeps the TDs",
        .timeLimit(.minutes(3)), arguments: FaultCase.pastShutdown)
    func recoveryKeepsTDs(fault: FaultCase) throws {
        let host = try Fixtures.host(cpus: 3, tds: 2) {
            $0.faults = [StepFault(step: fault.step, cpu: fault.cpu)]
            $0.kernel.recovery = true
        }
        defer { host.shutdown() }
        host.startWorkloads()
        #expect(host.workloads.waitForProgress(since: host.workloads.progress, calls: 3, timeout: .seconds(30)))
        try host.upload(Fixtures.v1_5_08)
        let attempt = try #require(host.kernel.lastUpdate)
        let report = try #require(attempt.report)

        #expect(attempt.outcome == .recovered)
        #expect(attempt.recoveryRan)
        #expect(report.outcome == .recovered)
        #expect(report.steps.suffix(3).map(\.name) == ["recover-install", "recover-init", "recover-restore"])
        #expect(host.sysfsText(Self.versionPath) == "1.5.06\n")
        #expect(host.sysfsText(Self.errorPath) == "transferring:firmware-invalid\n")
        #expect(attempt.tdsPreserved)
        #expect(attempt.tdDigestsAfter == attempt.tdDigestsBefore)
        #expect(host.layer.seamcallOverlaps == 0)
        let after = host.workloads.progress
        #expect(
            host.workloads.waitForProgress(since: after, calls: 3, timeout: .seconds(30)),
            "TDs run again on the previous module")
    }

    @Test("with recovery, a shutdown failure skips the recovery steps and stays harmless", .timeLimit(.minutes(3)))
    func recoveryNotNeededAfterShutdownFailure() throws {
        let host = try Fixtures.host(cpus: 2, tds: 1) {
            $0.faults = [StepFault(step: .shutdown, cpu: 0, status: .operandInvalid)]
            $0.kernel.recovery = true
        }
        defer { host.shutdown() }
        let attempt = host.update(imageBytes: Fixtures.v1_5_08)
        #expect(attempt.outcome == .failedHarmless)
        #expect(!attempt.recoveryRan)
        #expect(attempt.failures.first?.status == .operandInvalid)
        #expect(host.sysfsText(Self.versionPath) == "1.5.06\n")
        #expect(attempt.tdsPreserved)
    }

    @Test("after a fatal failure the next upload is refused: no module runs", .timeLimit(.minutes(3)))
    func uploadAfterFatalIsRefused() throws {
        let host = try Fixtures.host(cpus: 2, tds: 1) { $0.faults = [StepFault(step: .restore, cpu: 0)] }
        defer { host.shutdown() }
        #expect(host.update(imageBytes: Fixtures.v1_5_08).outcome == .failedFatal)
        let callsAfterFatal = host.layer.updateCalls
        let again = host.update(imageBytes: Fixtures.v1_5_08)
        #expect(again.refusal == .moduleNotRunning)
        #expect(again.outcome == .failedHarmless)
        #expect(again.report == nil, "nothing was stopped")
        #expect(host.layer.updateCalls == callsAfterFatal, "no update SEAMCALL was made")
        #expect(again.versionAfter == nil)
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/version") == "ENXIO")
    }

    @Test("a fault that could never fire is rejected when the host is built", .timeLimit(.minutes(3)))
    func impossibleFaults() {
        #expect(throws: HostError.self) {
            try Fixtures.host(cpus: 2) { $0.faults = [StepFault(step: .shutdown, cpu: 1)] }
        }
        #expect(throws: HostError.self) {
            try Fixtures.host(cpus: 2) { $0.faults = [StepFault(step: .install, cpu: 5)] }
        }
    }
}

extension TDWorkloads {
    /// Waits until every TD's workload has seen at least one failed SEAMCALL.
    func waitForFailures(timeout: Duration = .seconds(30)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if progress.allSatisfy({ $0.failedCalls > 0 }) { return true }
            Thread.sleep(forTimeInterval: 0.001)
        }
        return false
    }
}
