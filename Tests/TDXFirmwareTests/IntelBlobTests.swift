import Foundation
import TDXImage
import Testing

@testable import TDXFirmware

/// Intel's published blobs: `TDX_MODULE_BINARIES`, else the first ancestor of this file with
/// `shared/data/intel-tdx-module-binaries/joined_files`; tests skip when absent.
enum IntelBlobs {
    static let folder: URL? = {
        if let override = ProcessInfo.processInfo.environment["TDX_MODULE_BINARIES"] {
            return URL(fileURLWithPath: override).appendingPathComponent("joined_files")
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/intel-tdx-module-binaries/joined_files")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    static func blob(_ version: String) -> URL? {
        guard let url = folder?.appendingPathComponent("tdx_module_\(version).blob"),
            FileManager.default.fileExists(atPath: url.path)
        else { return nil }
        return url
    }

    static var available: Bool { ["1.5.01", "1.5.06", "1.5.13"].allSatisfy { blob($0) != nil } }

    static func image(_ version: String) throws -> ModuleImage {
        try ModuleImage(parsing: ImageFile.read(try #require(blob(version)).path))
    }
}

@Suite("Intel's published modules on the simulated P-SEAMLDR", .enabled(if: IntelBlobs.available))
struct IntelBlobTests {
    static func intelPlatform(cpuid: UInt32 = 0x806F8, trust: TrustPolicy = .intel) -> Platform {
        Platform(configuration: .uniform(lpCount: 4, cpuid1EAX: cpuid, trust: trust))
    }

    @Test func realSignaturesVerifyAndTDsSurviveARealUpdate() throws {
        let platform = Self.intelPlatform()
        try platform.boot(IntelBlobs.image("1.5.01"))
        #expect(platform.moduleStatus?.seamSVN == 0x0104)
        #expect(platform.imageVerificationCount == 1)
        let td = try Fixtures.runningTD(on: platform)
        let before = platform.tdSnapshot(td)
        try platform.update(to: IntelBlobs.image("1.5.06"))
        #expect(platform.moduleStatus?.seamSVN == 0x0106)
        #expect(platform.tdSnapshot(td) == before)
        #expect(platform.tdAvailability(td) == .available)
    }

    @Test func downgradingARealModuleIsRefused() throws {
        let platform = Self.intelPlatform()
        try platform.boot(IntelBlobs.image("1.5.13"))
        try platform.sysShutdown(lp: 0, handoffVersion: 0)
        #expect(installOnEveryLP(platform, try IntelBlobs.image("1.5.06")).last??.status == .seamldrBadSignature)
        #expect(platform.lastInstallOutcome?.reason.contains("lower") == true)
    }

    @Test func theTestKeyPlatformRefusesIntelsKeyAndViceVersa() throws {
        let image = try IntelBlobs.image("1.5.06")
        let testOnly = Self.intelPlatform(trust: .test)
        expectFailure(.seamldrBadSignature) { () throws(SeamcallFailure) in try testOnly.boot(image) }
        let intelOnly = Self.intelPlatform()
        let ours = try Fixtures.image()
        expectFailure(.seamldrBadSignature) { () throws(SeamcallFailure) in try intelOnly.boot(ours) }
    }

    @Test func aCPUOutsideTheRealTableIsRefused() throws {
        let platform = Self.intelPlatform(cpuid: 0xA06D0)
        let image = try IntelBlobs.image("1.5.06")
        expectFailure(.seamldrUnsupportedCPU) { () throws(SeamcallFailure) in try platform.boot(image) }
    }
}
