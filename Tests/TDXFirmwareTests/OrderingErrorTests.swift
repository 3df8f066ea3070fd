import Testing

@testable import TDXFirmware

@Suite("Every ordering error the spec lists fails with its status")
struct OrderingErrorTests {
    @Test func freshModuleStartsInSysinitPending() throws {
        let platform = try Fixtures.installed()
        #expect(platform.moduleStatus?.sysState == .sysinitPending)
    }

    @Test func sysInitTwiceIsNotPending() throws {
        let platform = try Fixtures.installed()
        try platform.sysInit(lp: 0)
        expectFailure(.sysInitNotPending) { () throws(SeamcallFailure) in try platform.sysInit(lp: 1) }
    }

    @Test func sysInitWithReservedAttributesIsOperandInvalidOnRCX() throws {
        let platform = try Fixtures.installed()
        do {
            try platform.sysInit(lp: 0, attributes: 1)
            Issue.record("reserved attributes accepted")
        } catch {
            #expect(error.status == SeamcallStatus.operandInvalid.with(detail: 1))
        }
        #expect(platform.moduleStatus?.sysState == .sysinitPending)
    }

    @Test func lpInitBeforeSysInitIsNotPending() throws {
        let platform = try Fixtures.installed()
        expectFailure(.sysLPInitNotPending) { () throws(SeamcallFailure) in try platform.sysLPInit(lp: 0) }
    }

    @Test func lpInitAfterReadyIsNotPending() throws {
        let platform = try Fixtures.booted()
        expectFailure(.sysLPInitNotPending) { () throws(SeamcallFailure) in try platform.sysLPInit(lp: 2) }
    }

    @Test func lpInitTwiceOnOneLPIsDone() throws {
        let platform = try Fixtures.installed()
        try platform.sysInit(lp: 0)
        try platform.sysLPInit(lp: 3)
        expectFailure(.sysLPInitDone) { () throws(SeamcallFailure) in try platform.sysLPInit(lp: 3) }
        #expect(platform.moduleStatus?.initializedLPs == 1)
    }

    @Test func configBeforeEveryLPInitIsNotPending() throws {
        let platform = try Fixtures.installed()
        try platform.sysInit(lp: 0)
        for lp in 0..<3 { try platform.sysLPInit(lp: lp) }
        expectFailure(.sysConfigNotPending) { () throws(SeamcallFailure) in try platform.sysConfig(lp: 0) }
        try platform.sysLPInit(lp: 3)
        try platform.sysConfig(lp: 0)
        #expect(platform.moduleStatus?.sysState == .sysconfigDone)
    }

    @Test func keyConfigBeforeConfigIsNotPending() throws {
        let platform = try Fixtures.installed()
        try platform.sysInit(lp: 0)
        expectFailure(.sysKeyConfigNotPending) { () throws(SeamcallFailure) in try platform.sysKeyConfig(lp: 0) }
    }

    @Test func keyConfigIsPerPackageAndReadyAfterTheLast() throws {
        let platform = try Fixtures.installed(lps: 4, packages: 2)
        try platform.sysInit(lp: 0)
        for lp in 0..<4 { try platform.sysLPInit(lp: lp) }
        try platform.sysConfig(lp: 0)
        #expect(try platform.sysKeyConfig(lp: 0) == .success)
        #expect(try platform.sysKeyConfig(lp: 1) == .keyConfigured)
        #expect(platform.moduleStatus?.sysState == .sysconfigDone)
        #expect(try platform.sysKeyConfig(lp: 2) == .success)
        #expect(platform.moduleStatus?.sysState == .sysReady)
    }

    @Test func updateBeforeSysInitIsStateIncorrect() throws {
        let platform = try Fixtures.installed()
        expectFailure(.sysStateIncorrect) { () throws(SeamcallFailure) in try platform.sysUpdate(lp: 0) }
    }

    @Test func updateBeforeEveryLPInitIsStateIncorrect() throws {
        let platform = try Fixtures.installed()
        try platform.sysInit(lp: 0)
        for lp in [0, 1, 3] { try platform.sysLPInit(lp: lp) }
        expectFailure(.sysStateIncorrect) { () throws(SeamcallFailure) in try platform.sysUpdate(lp: 0) }
    }

    @Test func updateAfterALoadHasNoHandoff() throws {
        let platform = try Fixtures.installed()
        try platform.sysInit(lp: 0)
        for lp in 0..<4 { try platform.sysLPInit(lp: lp) }
        expectFailure(.sysInvalidHandoff) { () throws(SeamcallFailure) in try platform.sysUpdate(lp: 0) }
    }

    @Test func tdLeafBeforeReadyIsNotReady() throws {
        let platform = try Fixtures.installed()
        try platform.sysInit(lp: 0)
        expectFailure(.sysNotReady) { () throws(SeamcallFailure) in try platform.tdCreate(lp: 0) }
    }

    @Test func shutdownBeforeReadyIsNotReady() throws {
        let platform = try Fixtures.installed()
        expectFailure(.sysNotReady) { () throws(SeamcallFailure) in
            try platform.sysShutdown(lp: 0, handoffVersion: 0)
        }
    }

    @Test func everythingAfterShutdownIsSysShutdownExceptLPShutdown() throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        #expect(platform.moduleStatus?.sysState == .sysShutdown)
        expectFailure(.sysShutdown) { () throws(SeamcallFailure) in try platform.sysRead(lp: 0, field: .moduleHV) }
        expectFailure(.sysShutdown) { () throws(SeamcallFailure) in try platform.tdCreate(lp: 1) }
        expectFailure(.sysShutdown) { () throws(SeamcallFailure) in try platform.sysInit(lp: 2) }
        expectFailure(.sysShutdown) { () throws(SeamcallFailure) in
            try platform.sysShutdown(lp: 0, handoffVersion: 0)
        }
        try platform.sysLPShutdown(lp: 3)
    }

    @Test func shutdownWhileAnotherLPIsInsideTheModuleIsBusy() throws {
        let platform = try Fixtures.booted()
        platform.lpsInModule.add(1, ordering: .relaxed)  // another LP is mid-SEAMCALL
        expectFailure(.sysBusy) { () throws(SeamcallFailure) in try platform.sysShutdown(lp: 0, handoffVersion: 0) }
        #expect(platform.moduleStatus?.sysState == .sysReady)
        platform.lpsInModule.subtract(1, ordering: .relaxed)
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
    }

    @Test func moduleLeavesDuringAnInstallSessionGetVMFailInvalid() throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let staged = platform.stage(try Fixtures.image(update: 7), scenario: .update)
        try platform.seamldrInstall(lp: 0, paramsAddress: staged.paramsAddress)
        expectFailure(.vmFailInvalid) { () throws(SeamcallFailure) in try platform.sysLPShutdown(lp: 1) }
        #expect(platform.installSessionLPs == [0])
    }

    @Test func leafOnAnLPThatDoesNotExistIsRefused() throws {
        let platform = try Fixtures.booted()
        expectFailure(.undefinedOpcode) { () throws(SeamcallFailure) in try platform.sysRead(lp: 4, field: .moduleHV) }
        expectFailure(.undefinedOpcode) { () throws(SeamcallFailure) in try platform.seamldrInfo(lp: -1) }
    }

    @Test func noModuleMeansVMFailInvalid() {
        let platform = Fixtures.platform()
        expectFailure(.vmFailInvalid) { () throws(SeamcallFailure) in try platform.sysInit(lp: 0) }
    }
}
