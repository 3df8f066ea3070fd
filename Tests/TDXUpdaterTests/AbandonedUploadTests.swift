import TDXHost
import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

/// A client that died between `loading` = 1 and `loading` = 0 leaves `loading` at 1 with
/// part of an image in `data`; the updater finds it, aborts it and goes on.
@Suite("The updater and an upload left half done", .timeLimit(.minutes(3)))
struct AbandonedUploadTests {
    static let firmware = SysfsLayout.mainline.firmwareDirectory!

    /// Starts a load and writes the first `count` bytes of an image, as a dying client would.
    static func abandon(_ host: SimulatedHost, bytes count: Int) throws {
        let image = try BuiltinImages.image(version: ModuleVersion("1.5.09")!)
        try host.sysfs.writeText(Self.firmware + "/loading", "1")
        try host.sysfs.write(Self.firmware + "/data", Array(image.prefix(count)), offset: 0)
    }

    @Test("update aborts it (loading = -1), says so, then installs its own image")
    func updateAbortsAndProceeds() async throws {
        let host = try SimulatedHostTests.host()
        defer { host.shutdown() }
        try Self.abandon(host, bytes: 4096)
        #expect(try host.sysfs.readText(Self.firmware + "/loading") == "1")

        let report = try await SimulatedHostTests.update(host)
        #expect(report.abandonedUpload == AbandonedUpload(loadingPath: Self.firmware + "/loading", aborted: true))
        #expect(report.result == .completed, "\(report.message)")
        #expect(report.versionAfter == .value(ModuleVersion("1.5.09")!))
        #expect(try host.sysfs.readText(Self.firmware + "/loading") == "0")
        let summary = UpdateSummary(report)
        #expect(summary.abandonedUpload?.aborted == true)
        #expect(host.sysfs.upload.uploadsFinished == 1, "only the updater's own image reached the kernel")
    }

    @Test("a dry run reports it and changes nothing")
    func dryRunOnlyReports() async throws {
        let host = try SimulatedHostTests.host()
        defer { host.shutdown() }
        try Self.abandon(host, bytes: 100)
        let report = try await SimulatedHostTests.update(host, UpdateRequest(dryRun: true, timeout: .seconds(30)))
        #expect(report.result == .dryRun, "\(report.message)")
        #expect(report.abandonedUpload?.aborted == false)
        #expect(try host.sysfs.readText(Self.firmware + "/loading") == "1")
    }

    @Test("no abandoned upload, nothing reported")
    func nothingToAbort() async throws {
        let host = try SimulatedHostTests.host()
        defer { host.shutdown() }
        let report = try await SimulatedHostTests.update(host)
        #expect(report.abandonedUpload == nil)
        #expect(report.result == .completed, "\(report.message)")
    }
}
