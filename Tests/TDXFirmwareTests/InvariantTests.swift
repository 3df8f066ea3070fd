import TDXImage
import Testing

@testable import TDXFirmware

@Suite("The firmware state keeps the model's invariants")
struct InvariantTests {
    @Test func holdAfterBoot() throws {
        let platform = try Fixtures.booted(lps: 4, packages: 2)
        #expect(platform.invariantViolations == [])
        try Fixtures.runningTD(on: platform)
        #expect(platform.invariantViolations == [])
    }

    @Test func holdAfterEveryStepOfAnUpdate() throws {
        let platform = try Fixtures.booted()
        try Fixtures.runningTD(on: platform)
        var seen: [[PlatformInvariantViolation]] = []
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        seen.append(platform.invariantViolations)
        let staged = platform.stage(try Fixtures.image(update: 8), scenario: .update)
        for lp in 0..<platform.lpCount {
            try platform.seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress)
            seen.append(platform.invariantViolations)
        }
        try platform.sysInit(lp: 0)
        seen.append(platform.invariantViolations)
        for lp in 0..<platform.lpCount {
            try platform.sysLPInit(lp: lp)
            seen.append(platform.invariantViolations)
        }
        try platform.sysUpdate(lp: 0)
        seen.append(platform.invariantViolations)
        #expect(seen.count == 2 * platform.lpCount + 3)
        #expect(seen.allSatisfy { $0.isEmpty }, "\(seen)")
        #expect(platform.moduleStatus?.sysState == .sysReady)
    }

    @Test func holdAfterARecoverableFailure() throws {
        let platform = try Fixtures.booted()
        try Fixtures.runningTD(on: platform)
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let failures = installOnEveryLP(platform, try Fixtures.image(update: 8, cpuidTable: [0xA06D0]))
        #expect(failures.last??.status == .seamldrUnsupportedCPU)
        #expect(platform.lastInstallOutcome?.unrecoverable == false)
        #expect(platform.moduleStatus?.sysState == .sysShutdown)
        #expect(platform.invariantViolations == [])
    }

    @Test func holdAfterAnUnrecoverableFailureAndTheRecoveryLoad() throws {
        let platform = try Fixtures.booted()
        let td = try Fixtures.runningTD(on: platform)
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let staged = platform.stage(try Fixtures.image(update: 8), scenario: .update)
        platform.memory.write([0xFF], at: staged.params.modulePages[0])
        for lp in 0..<platform.lpCount { try? platform.seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress) }
        #expect(platform.lastInstallOutcome?.unrecoverable == true)
        #expect(platform.moduleStatus == nil)
        #expect(platform.invariantViolations == [])

        try platform.boot(Fixtures.image(update: 6))
        #expect(platform.moduleStatus?.sysState == .sysReady)
        #expect(platform.lostTDs == [td])
        #expect(platform.invariantViolations == [])
    }

    @Test func refusedLeavesLeaveTheModuleInPlace() throws {
        let platform = try Fixtures.booted()
        expectFailure(.sysInitNotPending) { () throws(SeamcallFailure) in try platform.sysInit(lp: 0) }
        expectFailure(.sysLPInitNotPending) { () throws(SeamcallFailure) in try platform.sysLPInit(lp: 1) }
        #expect(platform.moduleStatus?.sysState == .sysReady)
        #expect(platform.invariantViolations == [])
    }

    @Test("a broken state is reported with the rule it breaks", arguments: Breakage.allCases)
    func brokenStateIsReported(_ breakage: Breakage) throws {
        let platform = try Fixtures.booted()
        let td = try Fixtures.runningTD(on: platform)
        var state = platform.read { $0 }
        let svn = try #require(state.module?.manifest.seamSVN)
        #expect(state.invariantViolations() == [])
        breakage.apply(to: &state, td: td)
        #expect(state.invariantViolations() == breakage.expected(td: td, moduleSVN: svn))
    }

    @Test(
        "debug builds stop at the mutation that breaks the state",
        .enabled(if: PlatformState.checksInvariants))
    func debugBuildsStopAtTheBrokenMutation() async {
        await #expect(processExitsWith: .failure) {
            let platform = try Fixtures.booted()
            platform.mutate { $0.module?.lpInitialized[1] = false }
        }
    }
}

/// One way to break a consistent state (a booted 4-LP platform with one running TD), and what it breaks.
enum Breakage: CaseIterable, Sendable {
    case moduleVanishes
    case sessionOpenWhileReady
    case seamExtendStale
    case seamdbEmptied
    case remainingUpdatesOverflow
    case lpInitFlagCleared
    case keyOwnershipLost
    case shutdownWithoutHandoff
    case handoffSizeWrong
    case tdAlsoLost
    case hkidShared

    func apply(to state: inout PlatformState, td: TDHandle) {
        switch self {
        case .moduleVanishes: state.module = nil
        case .sessionOpenWhileReady: state.seamldr.sessionLPs = [2]
        case .seamExtendStale: state.seamldr.seamExtend.seamSVN &+= 1
        case .seamdbEmptied: state.seamldr.seamdb.removeAll()
        case .remainingUpdatesOverflow: state.seamldr.numRemainingUpdates = state.seamdbCapacity + 1
        case .lpInitFlagCleared: state.module?.lpInitialized[2] = false
        case .keyOwnershipLost: state.module?.keyOwnership.removeAll()
        case .shutdownWithoutHandoff: state.module?.sysState = .sysShutdown
        case .handoffSizeWrong:
            state.handoff = HandoffData(
                header: HandoffHeader(valid: true, hv: 0, size: 1), keyOwnership: [32], globalHKID: 1,
                configuredPackages: [0], tdmrConfiguration: 1)
        case .tdAlsoLost: state.lostTDs.insert(td)
        case .hkidShared:
            var twin = TDState(
                handle: TDHandle(rawValue: 0x4000), hkid: 32, maxVCPUs: 1, createdWithHV: 0, createdWithSeamdbIndex: 0)
            twin.lifecycle = .runnable
            state.tds[twin.handle] = twin
        }
    }

    func expected(td: TDHandle, moduleSVN svn: UInt16) -> [PlatformInvariantViolation] {
        switch self {
        case .moduleVanishes: return [.seamReadyWithoutModule]
        case .sessionOpenWhileReady: return [.seamReadyDuringInstallSession(sessionLPs: 1)]
        case .seamExtendStale: return [.seamExtendDisagreesWithModule(seamExtendSVN: svn &+ 1, moduleSVN: svn)]
        case .seamdbEmptied:
            return [.seamdbOutOfStep(newestEntry: nil, module: ModuleVersion(major: 1, minor: 5, update: 6))]
        case .remainingUpdatesOverflow: return [.remainingUpdatesExceedCapacity(remaining: 17, capacity: 16)]
        case .lpInitFlagCleared: return [.initializedLPCount(counted: 4, marked: 3)]
        case .keyOwnershipLost: return [.liveTDKeyNotOwned(td, hkid: 32)]
        case .shutdownWithoutHandoff: return [.shutdownWithoutHandoff]
        case .handoffSizeWrong:
            return [.handoffSize(recorded: 1, payload: HandoffData.payloadSize(keyOwnershipCount: 1, packages: 1))]
        case .tdAlsoLost: return [.liveAndLost(td)]
        case .hkidShared: return [.sharedHKID(32)]
        }
    }
}
