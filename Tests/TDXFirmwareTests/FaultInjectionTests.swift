import Testing

@testable import TDXFirmware

@Suite("Fault injection")
struct FaultInjectionTests {
    @Test func anInjectedFailureChangesNothingAndIsRecorded() throws {
        let platform = try Fixtures.booted()
        platform.inject(FaultInjection(leaf: .sysShutdown, lp: 0, status: .sysBusy))
        do {
            try platform.sysShutdown(lp: 0, handoffVersion: 0)
            Issue.record("injection did not fire")
        } catch {
            #expect(error.injected && error.status == .sysBusy && error.lp == 0)
            #expect(error.description.contains("[injected]"))
        }
        #expect(platform.moduleStatus?.sysState == .sysReady)
        #expect(platform.injectedFaults == [InjectedFault(leaf: .sysShutdown, lp: 0, status: .sysBusy)])
        try platform.sysShutdown(lp: 0, handoffVersion: 0)  // fired once only
    }

    @Test func rulesMatchTheirLPAndCount() throws {
        let platform = try Fixtures.booted()
        platform.inject(FaultInjection(leaf: .sysRead, lp: 2, status: .operandBusy, remaining: 2))
        #expect(try platform.sysRead(lp: 1, field: .moduleHV) == 0)
        for _ in 0..<2 {
            expectFailure(.operandBusy) { () throws(SeamcallFailure) in try platform.sysRead(lp: 2, field: .moduleHV) }
        }
        #expect(try platform.sysRead(lp: 2, field: .moduleHV) == 0)
        platform.inject(FaultInjection(leaf: .sysRead, lp: nil, status: .sysBusy, remaining: nil))
        for lp in 0..<4 {
            expectFailure(.sysBusy) { () throws(SeamcallFailure) in try platform.sysRead(lp: lp, field: .moduleHV) }
        }
        platform.clearInjections()
        #expect(try platform.sysRead(lp: 3, field: .moduleHV) == 0)
        #expect(platform.injectedFaults.count == 6)
    }

    @Test func anInjectedInstallFailureOnOneLPKeepsTheNewModuleFromRunning() throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        platform.inject(
            FaultInjection(leaf: .seamldrInstall, lp: 2, status: FaultInjection.defaultStatus(for: .seamldrInstall)))
        let failures = installOnEveryLP(platform, try Fixtures.image(update: 7))
        #expect(failures[2]?.status == .seamldrBadSignature && failures[2]?.injected == true)
        #expect(failures.compactMap { $0 }.count == 1)
        #expect(platform.installSessionLPs == [0, 1, 3])
        #expect(platform.moduleStatus?.version.update == 6)
        expectFailure(.vmFailInvalid) { () throws(SeamcallFailure) in try platform.sysInit(lp: 0) }
    }

    @Test func defaultStatusesFollowTheSpecsFaultList() {
        #expect(FaultInjection.defaultStatus(for: .sysShutdown) == .sysBusy)
        #expect(FaultInjection.defaultStatus(for: .sysUpdate) == .sysInvalidHandoff)
        #expect(FaultInjection.defaultStatus(for: .seamldrInstall) == .seamldrBadSignature)
    }
}
