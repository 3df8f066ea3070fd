import Foundation
import TDXHost
import TDXImage
import Testing

@testable import TDXUpdater

/// The record of a completed update, made from the updater's report on the simulated host.
@Suite("Update history: the record of a completed update", .timeLimit(.minutes(3)))
struct HistoryRecordTests {
    @Test("a completed update on the simulated host: versions, image hash, key, result, exit code")
    func completed() async throws {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: 4)
        configuration.tdCount = 1
        configuration.runsWorkloads = false
        let host = try SimulatedHost(configuration: configuration)
        defer { host.shutdown() }
        let images = try GeneratedImageFolder(versions: ["1.5.05", "1.5.08"])
        let catalog = try ImageCatalog(directory: images.path, trust: .test)
        let files = host.sysfs
        let started = Date()
        let report = await ModuleUpdater(files: files, pollInterval: .milliseconds(2)).update(
            UpdateRequest(timeout: .seconds(120)), catalog: catalog)
        #expect(report.result == .completed, "\(report.message)")

        let record = HistoryRecord(
            update: report, catalog: catalog, started: started, duration: .milliseconds(1500),
            hostname: HistoryRecord.hostname(of: files))
        #expect(record.result == "completed")
        #expect(record.refusal == nil)
        #expect(record.exitCode == 0)
        #expect(record.versionBefore == report.versionBefore?.description)
        #expect(record.versionAfter == "1.5.08")
        #expect(record.target == "1.5.08")
        #expect(record.durationSeconds == 1.5)
        #expect(record.hostname == nil, "the simulated host has no /proc/sys/kernel/hostname")
        #expect(record.message == report.message)
        #expect(abs((try #require(record.secondsSinceEpoch)) - started.timeIntervalSince1970) < 0.001)
        let image = try #require(record.image)
        #expect(image.path.hasSuffix("tdx_module_1.5.08.blob"))
        let sha384sum = try await #require(ExternalTool("sha384sum")).run([image.path])
        #expect(sha384sum.stdout.hasPrefix(try #require(image.sha384) + " "))
        #expect(
            record.trustedKey
                == HistoryRecord.TrustedKey(policy: "test", fingerprint: KeyFingerprint.projectTestKey.hex))

        let folder = try TemporaryFolder.make(prefix: "tdx-history")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = HistoryJournal(path: folder + "/history.jsonl")
        try journal.append(record)
        #expect(try journal.read().records == [record])
    }
}
