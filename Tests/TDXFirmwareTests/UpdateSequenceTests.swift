import TDXImage
import Testing

@testable import TDXFirmware

@Suite("TD-preserving update driven by hand on 4 LPs")
struct UpdateSequenceTests {
    /// Two identical platforms with the same TDs made by the same calls: `updated` gets updates, `reference` not.
    static func twins() throws -> (updated: Platform, reference: Platform, tds: [TDHandle]) {
        let updated = try Fixtures.booted()
        let reference = try Fixtures.booted()
        var tds: [TDHandle] = []
        for index in 0..<3 {
            let a = try Fixtures.runningTD(on: updated, lp: index, pages: 2 + index, vcpus: 1 + index, steps: 4)
            let b = try Fixtures.runningTD(on: reference, lp: index, pages: 2 + index, vcpus: 1 + index, steps: 4)
            #expect(a == b)
            tds.append(a)
        }
        return (updated, reference, tds)
    }

    static func runEveryTD(_ platform: Platform, _ tds: [TDHandle], steps: Int) throws {
        for step in 0..<steps {
            for td in tds {
                let vcpus = platform.tdSnapshot(td)!.vcpus.count
                for vcpu in 0..<vcpus { try platform.vpEnter(lp: (step + vcpu) % 4, td: td, vcpu: vcpu) }
            }
        }
    }

    @Test func everyTDByteForByte() throws {
        let (platform, reference, tds) = try Self.twins()
        let before = platform.allTDSnapshots()
        #expect(before == reference.allTDSnapshots())

        // 1. shutdown (once, LP 0)
        let hv = try platform.sysRead(lp: 0, field: .moduleHV)
        try platform.sysShutdown(lp: 0, handoffVersion: hv)
        #expect(tds.allSatisfy { platform.tdAvailability($0) == .unreachable(.sysShutdown) })
        // 2. install (serial, every LP)
        let staged = platform.stage(try Fixtures.image(update: 9), scenario: .update)
        for lp in 0..<4 { try platform.seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress) }
        #expect(platform.moduleStatus?.sysState == .sysinitPending)
        expectFailure(.sysNotReady) { () throws(SeamcallFailure) in try platform.vpEnter(lp: 0, td: tds[0], vcpu: 0) }
        // 3. init (SYS.INIT once from any LP, LP.INIT everywhere)
        try platform.sysInit(lp: 2)
        for lp in [3, 1, 0, 2] { try platform.sysLPInit(lp: lp) }
        // 4. restore (once)
        try platform.sysUpdate(lp: 0)

        #expect(platform.moduleStatus?.version == ModuleVersion(major: 1, minor: 5, update: 9))
        #expect(platform.allTDSnapshots() == before)
        for td in tds {
            #expect(platform.tdDigest(td) == reference.tdDigest(td))
            #expect(platform.tdAvailability(td) == .available)
        }
        // TDs keep running exactly as on the platform that never updated.
        try Self.runEveryTD(platform, tds, steps: 3)
        try Self.runEveryTD(reference, tds, steps: 3)
        #expect(platform.allTDSnapshots() == reference.allTDSnapshots())
        #expect(platform.allTDSnapshots() != before)
        // New TDs record the new module.
        let fresh = try platform.tdCreate(lp: 1)
        #expect(platform.tdSnapshot(fresh)?.createdWithSeamdbIndex == 1)
        #expect(platform.seamdb.count == 2)
    }

    @Test func digestsDifferWhenOneByteDiffers() throws {
        let platform = try Fixtures.booted()
        let td = try Fixtures.runningTD(on: platform)
        let digest = try #require(platform.tdDigest(td))
        try platform.vpEnter(lp: 0, td: td, vcpu: 1)
        #expect(platform.tdDigest(td) != digest)
        #expect(digest.count == 32)
    }

    @Test func failedShutdownLeavesEverythingAsItWas() throws {
        let (platform, _, tds) = try Self.twins()
        let before = platform.allTDSnapshots()
        platform.inject(FaultInjection(leaf: .sysShutdown, lp: 0, status: .sysBusy))
        expectFailure(.sysBusy) { () throws(SeamcallFailure) in try platform.sysShutdown(lp: 0, handoffVersion: 0) }
        #expect(platform.moduleStatus?.sysState == .sysReady)
        #expect(tds.allSatisfy { platform.tdAvailability($0) == .available })
        try Self.runEveryTD(platform, tds, steps: 1)
        #expect(platform.allTDSnapshots() != before)
    }

    @Test func failedInstallMakesTDsUnreachableAndARetryWithAGoodImageRestoresThem() throws {
        let (platform, reference, tds) = try Self.twins()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        _ = installOnEveryLP(platform, try tampered(Fixtures.image(update: 7), sigstructOffset: 0x300))
        #expect(platform.lastInstallOutcome?.status == .seamldrBadSignature)
        #expect(tds.allSatisfy { platform.tdAvailability($0) == .unreachable(.sysShutdown) })
        // The handoff data is still there: a good image completes the update and the TDs are intact.
        try platform.update(afterShutdownTo: Fixtures.image(update: 7))
        #expect(platform.allTDSnapshots() == reference.allTDSnapshots())
    }

    @Test func failedUpdateThenReinstallingTheOldImagePreservesTDs() throws {
        let (platform, reference, tds) = try Self.twins()
        platform.inject(FaultInjection(leaf: .sysUpdate, lp: 0, status: .sysInvalidHandoff))
        let image = try Fixtures.image(update: 8)
        expectFailure(.sysInvalidHandoff) { () throws(SeamcallFailure) in try platform.update(to: image) }
        #expect(platform.injectedFaults == [InjectedFault(leaf: .sysUpdate, lp: 0, status: .sysInvalidHandoff)])
        #expect(tds.allSatisfy { platform.tdAvailability($0) == .unreachable(.sysNotReady) })
        // The spec's second way out: install a module again; the unconsumed handoff data carries the TDs.
        try platform.update(afterShutdownTo: Fixtures.image(update: 8))
        #expect(platform.allTDSnapshots() == reference.allTDSnapshots())
        #expect(tds.allSatisfy { platform.tdAvailability($0) == .available })
    }

    @Test func failedUpdateThenTheFreshInitPathLosesEveryTD() throws {
        let (platform, _, tds) = try Self.twins()
        platform.inject(FaultInjection(leaf: .sysUpdate, lp: 0, status: .sysStateIncorrect))
        #expect(throws: SeamcallFailure.self) { try platform.update(to: Fixtures.image(update: 8)) }
        // The spec's first way out: continue with SYS.CONFIG/KEY.CONFIG; all TDs are lost.
        try platform.sysConfig(lp: 0)
        try platform.sysKeyConfig(lp: 0)
        #expect(platform.moduleStatus?.sysState == .sysReady)
        #expect(tds.allSatisfy { platform.tdAvailability($0) == .lost })
        #expect(platform.lostTDs == Set(tds))
        #expect(platform.tdHandles.isEmpty)
        expectFailure(.operandInvalid) { () throws(SeamcallFailure) in try platform.vpEnter(lp: 0, td: tds[0], vcpu: 0)
        }
    }

    @Test func unrecoverableInstallLeavesNoModuleAndOnlyALoadBringsOneBack() throws {
        let (platform, _, tds) = try Self.twins()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let staged = platform.stage(try Fixtures.image(update: 7), scenario: .update)
        platform.memory.write([1], at: staged.params.modulePages[0])
        for lp in 0..<4 { try? platform.seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress) }
        #expect(platform.lastInstallOutcome?.status == .seamldrBadHash)
        #expect(tds.allSatisfy { platform.tdAvailability($0) == .unreachable(.vmFailInvalid) })
        // No module to update from: the update scenario is refused.
        #expect(installOnEveryLP(platform, try Fixtures.image(update: 7)).last??.status == .seamldrBadParam)
        // A load wipes the handoff area; initialising the loaded module loses the TDs.
        try platform.boot(Fixtures.image(update: 7))
        #expect(tds.allSatisfy { platform.tdAvailability($0) == .lost })
        #expect(platform.numRemainingUpdates == 15)
    }

    @Test func tdBuildInProgressDuringAnUpdateCorruptsItsMeasurement() throws {
        let updated = try Fixtures.booted()
        let reference = try Fixtures.booted()
        var handles: [TDHandle] = []
        for platform in [updated, reference] {
            let td = try platform.tdCreate(lp: 0)
            try platform.tdInit(lp: 0, td: td)
            _ = try platform.vpCreate(lp: 0, td: td)
            try platform.memPageAdd(lp: 0, td: td, gpa: 0, contents: [1, 2, 3])
            handles.append(td)
        }
        #expect(updated.tdBuildsInProgress == [handles[0]])
        try updated.update(to: Fixtures.image(update: 7))
        for platform in [updated, reference] {
            try platform.memPageAdd(lp: 1, td: handles[0], gpa: 4096, contents: [4])
            try platform.mrFinalize(lp: 1, td: handles[0])
        }
        let corrupted = try #require(updated.tdSnapshot(handles[0]))
        let clean = try #require(reference.tdSnapshot(handles[0]))
        #expect(corrupted.measurementCorrupted && !clean.measurementCorrupted)
        #expect(corrupted.mrtd != clean.mrtd)
        #expect(corrupted.pages == clean.pages)
        #expect(updated.tdBuildsInProgress.isEmpty)
    }

    @Test func updateCompatShutdownRefusesDuringATDBuild() throws {
        for compat in [true, false] {
            let platform = try Fixtures.booted(updateCompat: compat)
            let td = try platform.tdCreate(lp: 0)
            try platform.tdInit(lp: 0, td: td)
            expectFailure(compat ? .updateCompatSensitive : .operandInvalid) { () throws(SeamcallFailure) in
                try platform.sysShutdown(lp: 0, handoffVersion: 1 << 16)
            }
            #expect(platform.moduleStatus?.sysState == .sysReady)
            _ = try platform.vpCreate(lp: 0, td: td)
            try platform.mrFinalize(lp: 0, td: td)
            if compat { try platform.sysShutdown(lp: 0, handoffVersion: 1 << 16) }
        }
    }
}

extension Platform {
    /// The install, init and restore steps of an update whose shutdown already happened.
    func update(afterShutdownTo image: ModuleImage) throws {
        let staged = stage(image, scenario: .update)
        for lp in 0..<lpCount { try seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress) }
        try sysInit(lp: 0)
        for lp in 0..<lpCount { try sysLPInit(lp: lp) }
        try sysUpdate(lp: 0)
    }
}
