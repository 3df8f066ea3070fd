import TDXImage
import Testing

@testable import TDXFirmware

/// Calls SEAMLDR.INSTALL on every LP in order (as the kernel's install step) and returns each LP's failure.
func installOnEveryLP(_ platform: Platform, _ image: ModuleImage, scenario: SeamldrParams.Scenario = .update)
    -> [SeamcallFailure?]
{
    let staged = platform.stage(image, scenario: scenario)
    return (0..<platform.lpCount).map { (lp: Int) -> SeamcallFailure? in
        do throws(SeamcallFailure) {
            try platform.seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress)
            return nil
        } catch {
            return error
        }
    }
}

/// The image's bytes with the sigstruct byte at `offset` XORed, re-parsed (parsing does not check signatures).
func tampered(_ image: ModuleImage, sigstructOffset offset: Int) throws -> ModuleImage {
    var bytes = image.bytes
    bytes[4096 + offset] ^= 0x5A
    return try ModuleImage(parsing: bytes)
}

@Suite("SEAMLDR.INSTALL checks what P-SEAMLDR checks, each with its own status")
struct SeamldrInstallTests {
    @Test func badSignatureFailsOnTheLastLPWithEBADSIGAndIsRecoverable() throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let bad = try tampered(Fixtures.image(update: 7), sigstructOffset: 0x204 + 10)
        let failures = installOnEveryLP(platform, bad)
        #expect(failures[0..<3].allSatisfy { $0 == nil })
        #expect(failures[3]?.status == .seamldrBadSignature)
        let outcome = try #require(platform.lastInstallOutcome)
        #expect(!outcome.unrecoverable && outcome.lp == 3)
        // Recoverable: the old (shut-down) module answers again.
        expectFailure(.sysShutdown) { () throws(SeamcallFailure) in try platform.sysRead(lp: 0, field: .moduleHV) }
        #expect(platform.installSessionLPs.isEmpty)
    }

    @Test func untrustedKeyIsEBADSIG() throws {
        var configuration = PlatformConfiguration.uniform(lpCount: 2, cpuid1EAX: Fixtures.cpuid, trust: .intel)
        configuration.policy = .intel
        let platform = Platform(configuration: configuration)
        let image = try Fixtures.image()
        expectFailure(.seamldrBadSignature) { () throws(SeamcallFailure) in try platform.boot(image) }
        #expect(platform.lastInstallOutcome?.reason.contains("untrusted key") == true)
    }

    @Test func unlistedCPUIsEUNSUPCPU() throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let failures = installOnEveryLP(platform, try Fixtures.image(update: 7, cpuidTable: [0xA06D0, 0xA06E0]))
        #expect(failures.last??.status == .seamldrUnsupportedCPU)
    }

    @Test func steppingIsIgnoredInTheCPUCheck() throws {
        let platform = try Fixtures.booted(Fixtures.image(cpuidTable: [0x806F0]))
        #expect(platform.moduleStatus?.sysState == .sysReady)
    }

    @Test func lowerSVNIsEBADSIGByDefaultAndConfigurable() throws {
        let platform = try Fixtures.booted(Fixtures.image(update: 8, svn: 0x0108))
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let failures = installOnEveryLP(platform, try Fixtures.image(update: 5, svn: 0x0105))
        #expect(failures.last??.status == .seamldrBadSignature)
        #expect(platform.lastInstallOutcome?.reason.contains("lower") == true)

        let strict = try Fixtures.booted(
            Fixtures.image(update: 8, svn: 0x0108), policy: SeamldrPolicy(lowerSVNStatus: .seamldrBadParam))
        try strict.sysShutdown(lp: 0, handoffVersion: 0)
        #expect(installOnEveryLP(strict, try Fixtures.image(update: 5, svn: 0x0105)).last??.status == .seamldrBadParam)
    }

    @Test func zeroRemainingUpdatesIsEBADCALL() throws {
        let platform = try Fixtures.booted(capacity: 2)
        #expect(platform.numRemainingUpdates == 1)
        try platform.update(to: Fixtures.image(update: 7))
        #expect(platform.numRemainingUpdates == 0)
        #expect(try platform.seamldrInfo(lp: 0).numRemainingUpdates == 0)
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        #expect(installOnEveryLP(platform, try Fixtures.image(update: 8)).last??.status == .seamldrBadCall)
        #expect(platform.lastInstallOutcome?.reason.contains("no remaining updates") == true)
    }

    /// Bad signature and lower SVN share PSEAMLDR_EBADSIG in Intel's code; the recorded
    /// outcome says which. (An unlisted CPU and zero remaining updates have statuses of
    /// their own, tested above.)
    @Test func badSignatureAndLowerSVNShareAStatusButNotAReason() throws {
        let reasons: [String] = try [
            { () throws -> String in
                let p = try Fixtures.booted()
                try p.sysShutdown(lp: 0, handoffVersion: 0)
                _ = installOnEveryLP(p, try tampered(Fixtures.image(update: 7), sigstructOffset: 0x300))
                return p.lastInstallOutcome!.reason
            }(),
            { () throws -> String in
                let p = try Fixtures.booted(Fixtures.image(update: 8, svn: 0x0108))
                try p.sysShutdown(lp: 0, handoffVersion: 0)
                _ = installOnEveryLP(p, try Fixtures.image(update: 7, svn: 0x0107))
                return p.lastInstallOutcome!.reason
            }(),
        ]
        #expect(reasons[0].contains("signature"))
        #expect(reasons[1].contains("lower"))
        #expect(reasons[0] != reasons[1])
    }

    @Test func differentMajorSVNIsEUNSUPPORTED() throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        #expect(
            installOnEveryLP(platform, try Fixtures.image(update: 7, svn: 0x0207)).last??.status == .seamldrUnsupported)
    }

    @Test func majorSVNZeroCannotLoad() throws {
        let platform = Fixtures.platform()
        let image = try Fixtures.image(svn: 0x0005)
        expectFailure(.seamldrUnsupported) { () throws(SeamcallFailure) in try platform.boot(image) }
    }

    @Test func debugModuleNeedsADebugUnlockedPlatform() throws {
        let platform = Fixtures.platform()
        let debugImage = try Fixtures.image(debug: true)
        expectFailure(.seamldrBadSignature) { () throws(SeamcallFailure) in try platform.boot(debugImage) }
        var configuration = PlatformConfiguration.uniform(lpCount: 2, cpuid1EAX: Fixtures.cpuid)
        configuration.debugUnlocked = true
        try Platform(configuration: configuration).boot(Fixtures.image(debug: true))
    }

    @Test func moduleHashMismatchIsEBADHASHAndUnrecoverable() throws {
        let platform = try Fixtures.booted()
        let td = try Fixtures.runningTD(on: platform)
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let staged = platform.stage(try Fixtures.image(update: 7), scenario: .update)
        platform.memory.write([0xFF, 0xFF], at: staged.params.modulePages[1])
        var last: SeamcallFailure?
        for lp in 0..<4 {
            do { try platform.seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress) } catch { last = error }
        }
        #expect(last?.status == .seamldrBadHash)
        #expect(platform.lastInstallOutcome?.unrecoverable == true)
        #expect(platform.moduleStatus == nil)
        #expect(platform.tdAvailability(td) == .unreachable(.vmFailInvalid))
        #expect(platform.tdSnapshot(td) != nil)
    }

    @Test func aSecondCallOnOneLPInASessionIsEBADCALL() throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let staged = platform.stage(try Fixtures.image(update: 7), scenario: .update)
        try platform.seamldrInstall(lp: 0, paramsAddress: staged.paramsAddress)
        expectFailure(.seamldrBadCall) { () throws(SeamcallFailure) in
            try platform.seamldrInstall(lp: 0, paramsAddress: staged.paramsAddress)
        }
    }

    @Test func theNewModuleRunsOnlyAfterEveryLPCalledInstall() throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let staged = platform.stage(try Fixtures.image(update: 9), scenario: .update)
        for lp in 0..<3 {
            try platform.seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress)
            #expect(platform.moduleStatus?.version == ModuleVersion(major: 1, minor: 5, update: 6))
            expectFailure(.vmFailInvalid) { () throws(SeamcallFailure) in try platform.sysInit(lp: 0) }
        }
        try platform.seamldrInstall(lp: 3, paramsAddress: staged.paramsAddress)
        #expect(platform.moduleStatus?.version == ModuleVersion(major: 1, minor: 5, update: 9))
        #expect(platform.moduleStatus?.sysState == .sysinitPending)
        try platform.sysInit(lp: 0)
    }

    @Test("bad params pages are EBADPARAM", arguments: ["version", "scenario", "no pages", "bad page", "bad address"])
    func badParams(defect: String) throws {
        let platform = try Fixtures.booted()
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let staged = platform.stage(try Fixtures.image(update: 7), scenario: .update)
        var params = staged.params
        var address = staged.paramsAddress
        switch defect {
        case "version": params.version = 1
        case "scenario": params.scenarioValue = 7
        case "no pages":
            params.modulePages = []
            params.declaredModulePages = 0
        case "bad page": params.modulePages[0] = 0x123
        default: address = 0xDEAD_0000
        }
        platform.memory.write(params.bytes, at: staged.paramsAddress)
        var last: SeamcallFailure?
        for lp in 0..<4 {
            do { try platform.seamldrInstall(lp: lp, paramsAddress: address) } catch { last = error }
        }
        #expect(last?.status == .seamldrBadParam)
        #expect(platform.lastInstallOutcome?.unrecoverable == false)
    }

    @Test func updateScenarioWithoutAModuleIsEBADPARAM() throws {
        let platform = Fixtures.platform()
        #expect(installOnEveryLP(platform, try Fixtures.image()).last??.status == .seamldrBadParam)
    }

    @Test func failedInstallsDoNotConsumeUpdatesUnlessConfigured() throws {
        for consumes in [false, true] {
            let platform = try Fixtures.booted(policy: SeamldrPolicy(failedInstallConsumesUpdate: consumes))
            try platform.sysShutdown(lp: 0, handoffVersion: 0)
            _ = installOnEveryLP(platform, try Fixtures.image(update: 7, cpuidTable: [0xA06D0]))
            #expect(platform.numRemainingUpdates == (consumes ? 14 : 15))
        }
    }

    @Test func seamldrInfoDescribesTheRunningModule() throws {
        let image = try Fixtures.image(update: 9, svn: 0x0109)
        let platform = try Fixtures.booted(image)
        let info = try platform.seamldrInfo(lp: 2)
        #expect(info.vendorID == 0x8086)
        #expect(info.versionString == "2.0.0")
        #expect(info.numRemainingUpdates == 15)
        #expect(info.seamInfo.seamSVN == 0x0109)
        #expect(info.seamInfo.mrSeam == Array(image.sigstruct.seamHash))
        #expect(info.seamInfo.seamReady)
    }

    @Test func everyLPPolicyFailsOnTheFirstLPAndVerifiesOnce() throws {
        let policy = SeamldrPolicy(checkPoint: .everyLP)
        let platform = try Fixtures.booted(lps: 64, policy: policy)
        #expect(platform.imageVerificationCount == 1)
        try platform.update(to: Fixtures.image(update: 7))
        #expect(platform.imageVerificationCount == 2)
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        let failures = installOnEveryLP(platform, try tampered(Fixtures.image(update: 8), sigstructOffset: 0x300))
        #expect(failures.allSatisfy { $0?.status == .seamldrBadSignature })
        #expect(platform.installSessionLPs.isEmpty)
    }

    @Test func lastLPPolicyVerifiesOncePerSequence() throws {
        let platform = try Fixtures.booted(lps: 64)
        try platform.update(to: Fixtures.image(update: 7))
        #expect(platform.imageVerificationCount == 2)
    }

    @Test func freePolicySkipsCryptography() throws {
        let platform = try Fixtures.booted(lps: 8, policy: .free)
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        #expect(
            installOnEveryLP(platform, try tampered(Fixtures.image(update: 7), sigstructOffset: 0x300)).last! == nil)
        #expect(platform.imageVerificationCount == 0)
    }
}
