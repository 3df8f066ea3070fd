import Foundation
import TDXImage
import TDXSysfs
import Testing

@testable import TDXHost

/// One way to make the host refuse an image, and the refusal it must give.
struct RefusalCase: CustomTestStringConvertible, Sendable {
    let name: String
    let expectedCode: String
    let configure: @Sendable (inout HostConfiguration) -> Void
    let image: @Sendable () throws -> [UInt8]
    var testDescription: String { name }

    static func image(
        _ version: ModuleVersion, cpuidTable: [UInt32] = [0x806F8], moduleHV: UInt16 = 0, minUpdateHV: UInt16 = 0
    )
        throws -> [UInt8]
    {
        try BuiltinImages.image(version: version, cpuidTable: cpuidTable, moduleHV: moduleHV, minUpdateHV: minUpdateHV)
    }

    static let v158 = ModuleVersion(major: 1, minor: 5, update: 8)

    static let all: [RefusalCase] = [
        RefusalCase(name: "not an image", expectedCode: "image_invalid", configure: { _ in }) { [1, 2, 3] },
        RefusalCase(name: "flipped module byte", expectedCode: "image_invalid", configure: { _ in }) {
            var bytes = Fixtures.v1_5_08
            bytes[bytes.count - 100] ^= 0xFF
            return bytes
        },
        RefusalCase(name: "v1 blob", expectedCode: "image_invalid", configure: { _ in }) {
            try TestImageSigner().makeImage(version: v158, svn: 0x0105, format: .v1).bytes
        },
        RefusalCase(name: "untrusted key", expectedCode: "untrusted_key", configure: { $0.kernel.trust = .intel }) {
            Fixtures.v1_5_08
        },
        RefusalCase(name: "CPU not listed", expectedCode: "cpu_not_listed", configure: { _ in }) {
            try image(v158, cpuidTable: [0xA06F0])
        },
        RefusalCase(
            name: "P-SEAMLDR too old", expectedCode: "seamldr_incompatible",
            configure: { $0.kernel.minimumSeamldrVersion = ModuleVersion(major: 9, minor: 0, update: 0) }
        ) { Fixtures.v1_5_08 },
        RefusalCase(
            name: "no remaining updates", expectedCode: "no_remaining_updates", configure: { $0.remainingUpdates = 0 }
        ) {
            Fixtures.v1_5_08
        },
        RefusalCase(name: "other major.minor", expectedCode: "different_major_minor", configure: { _ in }) {
            try image(ModuleVersion(major: 1, minor: 6, update: 0))
        },
        RefusalCase(name: "older version", expectedCode: "older_version", configure: { _ in }) {
            try image(ModuleVersion(major: 1, minor: 5, update: 5))
        },
        RefusalCase(name: "handoff version not accepted", expectedCode: "handoff_incompatible", configure: { _ in }) {
            try image(v158, moduleHV: 2, minUpdateHV: 1)
        },
        RefusalCase(name: "a CPU offline", expectedCode: "cpus_offline", configure: { $0.kernel.offlineCPUs = [1] }) {
            Fixtures.v1_5_08
        },
        RefusalCase(
            name: "TD build in progress", expectedCode: "td_build_in_progress", configure: { $0.tdsLeftInBuild = 1 }
        ) {
            Fixtures.v1_5_08
        },
    ]
}

@Suite("prechecks: each refusal is harmless and leaves the host untouched")
struct PrecheckTests {
    @Test("refusal", .timeLimit(.minutes(3)), arguments: RefusalCase.all)
    func refusalLeavesHostUntouched(refusal: RefusalCase) throws {
        let host = try Fixtures.host(cpus: 2, tds: 2, configure: refusal.configure)
        defer { host.shutdown() }
        let digests = host.tdDigests()
        let remaining = host.sysfsText("/sys/devices/faux/tdx_host/num_remaining_updates")

        try host.upload(try refusal.image())
        let attempt = try #require(host.kernel.lastUpdate)

        #expect(attempt.refusal?.code == refusal.expectedCode, "\(String(describing: attempt.refusal))")
        #expect(attempt.outcome == .failedHarmless)
        #expect(attempt.report == nil, "nothing was stopped")
        #expect(host.layer.updateCalls == 0, "no update SEAMCALL was made")
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/version") == "1.5.06\n")
        #expect(host.sysfsText("/sys/class/firmware/tdx_module" + "/error") == "transferring:firmware-invalid\n")
        #expect(host.sysfsText("/sys/devices/faux/tdx_host/num_remaining_updates") == remaining)
        #expect(host.tdDigests() == digests)
        #expect(!(attempt.refusal?.description.isEmpty ?? true))
    }
}
