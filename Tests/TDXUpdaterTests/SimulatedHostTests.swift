import TDXHost
import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

/// The updater against the simulated host: its kernel model, fw_upload core and firmware
/// models, through the simulated kernel's own files (`HostSysfs` is its `HostFiles`).
@Suite("The updater on the simulated host", .timeLimit(.minutes(3)))
struct SimulatedHostTests {
    static func host(_ adjust: (inout HostConfiguration) -> Void = { _ in }) throws -> SimulatedHost {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: 4)
        configuration.tdCount = 2
        configuration.runsWorkloads = false
        adjust(&configuration)
        return try SimulatedHost(configuration: configuration)
    }

    static func update(
        _ host: SimulatedHost, _ request: UpdateRequest = UpdateRequest(timeout: .seconds(120))
    ) async throws -> UpdateReport {
        let images = try GeneratedImageFolder(versions: ["1.5.05", "1.5.08", "1.5.09", "2.0.08"])
        let catalog = try ImageCatalog(directory: images.path, trust: .test)
        let files = host.sysfs
        return await ModuleUpdater(files: files, pollInterval: .milliseconds(2)).update(request, catalog: catalog)
    }

    @Test("status reads the simulated host like a real one")
    func status() throws {
        let host = try Self.host()
        defer { host.shutdown() }
        let status = HostProbe(files: host.sysfs).read()
        #expect(status.noTDXExplanation == nil)
        #expect(status.layout.generation == "mainline")
        #expect(status.moduleVersion.value == BuiltinImages.defaultFrom)
        #expect(status.seamldrVersion.value != nil)
        #expect(status.remainingUpdates.value == 15)
        #expect(status.cpusOnline.value == [0, 1, 2, 3])
        #expect(status.cpuSignatures == [CPUIDSignature(rawValue: BuiltinImages.cpuidEAX)])
    }

    @Test("the newest eligible image is installed and every TD keeps its state")
    func success() async throws {
        let host = try Self.host()
        defer { host.shutdown() }
        let before = host.tdDigests()
        let report = try await Self.update(host)
        #expect(report.result == .completed, "\(report.message)")
        #expect(report.target == ModuleVersion("1.5.09"))
        #expect(report.versionAfter == .value(ModuleVersion("1.5.09")!))
        #expect(report.convertedFrom == .v1)
        #expect(report.progress.last?.status == .idle)
        #expect(host.tdDigests() == before)
        #expect(host.layer.seamcallOverlaps == 0)
        let status = HostProbe(files: host.sysfs).read()
        #expect(status.remainingUpdates.value == 14)
    }

    @Test("a failure at shutdown is harmless: the old module still runs")
    func shutdownFailure() async throws {
        let host = try Self.host { $0.faults = [StepFault(step: .shutdown, cpu: 0)] }
        defer { host.shutdown() }
        let report = try await Self.update(host)
        #expect(
            report.result == .failedHarmless(UploadFailure(phase: .transferring, error: .firmwareInvalid)),
            "\(report.message)")
        #expect(report.versionAfter == .value(BuiltinImages.defaultFrom))
    }

    @Test("a failure while installing is fatal: version unreadable, reported so")
    func installFailure() async throws {
        let host = try Self.host { $0.faults = [StepFault(step: .install, cpu: 2)] }
        defer { host.shutdown() }
        let report = try await Self.update(host)
        guard case .failedFatal = report.result else {
            Issue.record("expected a fatal failure, got \(report.result): \(report.message)")
            return
        }
        #expect(report.versionAfter?.errno == .noSuchAddressOrDevice)
        #expect(report.message.contains("every TD was lost"))
    }

    @Test("refusals leave the simulated host untouched")
    func refusals() async throws {
        let offline = try Self.host { $0.kernel.offlineCPUs = [3] }
        defer { offline.shutdown() }
        let offlineReport = try await Self.update(offline)
        #expect(offlineReport.result == .refused(.cpusOffline([3])), "\(offlineReport.message)")

        let exhausted = try Self.host { $0.remainingUpdates = 0 }
        defer { exhausted.shutdown() }
        let exhaustedReport = try await Self.update(exhausted)
        #expect(exhaustedReport.result == .refused(.noRemainingUpdates))
        let status = HostProbe(files: exhausted.sysfs).read()
        #expect(status.moduleVersion.value == BuiltinImages.defaultFrom)
        #expect(try exhausted.sysfs.readText("/sys/class/firmware/tdx_module/status") == "idle")
    }
}
