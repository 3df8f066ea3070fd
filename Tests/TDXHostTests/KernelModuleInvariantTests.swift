import TDXImage
import Testing

@testable import TDXFirmware
@testable import TDXHost

/// An update's ending, and the fault and configuration that produce it.
struct EndingCase: CustomTestStringConvertible, Sendable {
    let outcome: UpdateOutcome
    let fault: StepFault?
    let recovery: Bool
    var testDescription: String { "\(outcome)" }

    static let all: [EndingCase] = [
        EndingCase(outcome: .completed, fault: nil, recovery: false),
        EndingCase(outcome: .failedHarmless, fault: StepFault(step: .shutdown, cpu: 0), recovery: false),
        EndingCase(outcome: .failedFatal, fault: StepFault(step: .`init`, cpu: 1), recovery: false),
        EndingCase(outcome: .recovered, fault: StepFault(step: .install, cpu: 1), recovery: true),
    ]
}

@Suite("The kernel's module state and the firmware keep their invariants")
struct KernelModuleInvariantTests {
    @Test("after every ending of an update", .timeLimit(.minutes(3)), arguments: EndingCase.all)
    func holdAfterEachEnding(_ ending: EndingCase) throws {
        let host = try Fixtures.host(cpus: 3, tds: 2) {
            $0.faults = ending.fault.map { [$0] } ?? []
            $0.kernel.recovery = ending.recovery
        }
        defer { host.shutdown() }
        let firmware = try #require(host.firmware as? ModelFirmware)
        #expect(host.kernel.state.snapshot.invariantViolations() == [])
        #expect(host.update(imageBytes: Fixtures.v1_5_08).outcome == ending.outcome)
        #expect(host.kernel.state.snapshot.invariantViolations() == [])
        #expect(firmware.platform.invariantViolations == [])
    }

    @Test("a broken state is reported with the rule it breaks", arguments: KernelBreakage.allCases)
    func brokenStateIsReported(_ breakage: KernelBreakage) throws {
        let host = try Fixtures.host(cpus: 3, tds: 0)
        defer { host.shutdown() }
        var snapshot = host.kernel.state.snapshot
        #expect(snapshot.invariantViolations() == [])
        breakage.apply(to: &snapshot)
        #expect(snapshot.invariantViolations() == breakage.expected)
    }

    @Test(
        "debug builds stop at the change that breaks the state",
        .enabled(if: KernelModuleState.Snapshot.checksInvariants))
    func debugBuildsStopAtTheBrokenChange() async {
        await #expect(processExitsWith: .failure) {
            let host = try Fixtures.host(cpus: 2, tds: 0)
            host.kernel.state.mutate { $0.sysinitDone = false }
        }
    }
}

/// One way to break the state of a kernel whose module runs on 3 CPUs, and what it breaks.
enum KernelBreakage: CaseIterable, Sendable {
    case sysInitForgotten
    case sysInitFailed
    case cpuNotInitialized
    case shutDownButCPUsStillInitialized
    case staleSysInitStatus

    func apply(to snapshot: inout KernelModuleState.Snapshot) {
        switch self {
        case .sysInitForgotten:
            snapshot.sysinitDone = false
        case .sysInitFailed:
            snapshot.sysinitStatus = .sysBusy
        case .cpuNotInitialized:
            snapshot.lpInitialized[1] = false
        case .shutDownButCPUsStillInitialized:
            snapshot.initialized = false
            snapshot.sysinitDone = false
        case .staleSysInitStatus:
            snapshot.initialized = false
            snapshot.sysinitDone = false
            snapshot.sysinitStatus = .sysBusy
            snapshot.lpInitialized = [false, false, false]
        }
    }

    var expected: [KernelModuleInvariantViolation] {
        switch self {
        case .sysInitForgotten:
            [
                .initializedWithoutSysInit(sysinitDone: false, status: .success),
                .cpusInitializedWithoutSysInit([0, 1, 2]),
            ]
        case .sysInitFailed:
            [
                .initializedWithoutSysInit(sysinitDone: true, status: .sysBusy),
                .cpusInitializedWithoutSysInit([0, 1, 2]),
            ]
        case .cpuNotInitialized:
            [.initializedWithUninitializedCPUs([1])]
        case .shutDownButCPUsStillInitialized:
            [.cpusInitializedWithoutSysInit([0, 1, 2])]
        case .staleSysInitStatus:
            [.sysInitStatusWithoutSysInit(.sysBusy)]
        }
    }
}
