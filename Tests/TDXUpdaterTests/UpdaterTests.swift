import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

@Suite("The update procedure", .timeLimit(.minutes(3)))
struct UpdaterTests {
    static let releases = ["1.5.05", "1.5.06", "1.5.08", "1.5.09", "2.0.04", "2.0.08"]

    static func run(
        _ request: UpdateRequest = UpdateRequest(timeout: .seconds(120)),
        host description: HostDescription = HostDescription(),
        behavior: FakeFirmwareHost.Behavior = .install, versions: [String] = releases,
        effectiveUserID: UInt32 = 1000, prepare: (FakeFirmwareHost) -> Void = { _ in }
    ) async throws -> (UpdateReport, FakeFirmwareHost) {
        let folder = try GeneratedImageFolder(versions: versions)
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        let host = FakeFirmwareHost(description, behavior: behavior)
        prepare(host)
        let report = await ModuleUpdater(files: host, pollInterval: .milliseconds(1), effectiveUserID: effectiveUserID)
            .update(request, catalog: catalog)
        return (report, host)
    }

    @Test("newest eligible image is verified, converted to v2, uploaded, and confirmed")
    func success() async throws {
        let (report, host) = try await Self.run()
        #expect(report.result == .completed, "\(report.message)")
        #expect(report.versionBefore?.description == "1.5.06")
        #expect(report.target?.description == "1.5.09")
        #expect(report.convertedFrom == .v1)
        #expect(report.uploadFormat == .v2)
        #expect(report.versionAfter == .value(ModuleVersion("1.5.09")!))
        #expect(report.message.hasPrefix("updated TDX module 1.5.06 -> 1.5.09"))
        #expect(report.progress.map(\.status).last == .idle)
        let uploaded = try ModuleImage(parsing: try #require(host.uploads.first))
        #expect(uploaded.format == .v2)
        #expect(uploaded.verify(trusting: .test).allPassed)
        #expect(
            report.checks.map(\.kind) == [
                .moduleRunning, .uploadInterface, .imageVerified, .compatible, .tdPreserving, .remainingUpdates,
                .cpusOnline, .converted,
            ])
        #expect(report.checks.contains(UpdateCheck(.remainingUpdates, "P-SEAMLDR can take 16 more updates")))
    }

    @Test("a series v3 host (Intel's script's seamldr_upload) gets the v1 blob unchanged")
    func legacyLayout() async throws {
        var description = HostDescription()
        description.layout = .seamldrUpload
        let (report, host) = try await Self.run(host: description, behavior: .rejectHarmlessly("firmware-invalid"))
        #expect(report.result == .failedHarmless(UploadFailure(phase: .transferring, error: .firmwareInvalid)))
        #expect(report.uploadFormat == .v1)
        #expect(report.convertedFrom == nil)
        #expect(try ModuleImage(parsing: try #require(host.uploads.first)).format == .v1)
        #expect(host.writes.first == "/sys/class/firmware/seamldr_upload/loading=1")
    }

    @Test("a named version is installed when eligible")
    func named() async throws {
        let (report, _) = try await Self.run(UpdateRequest(version: ModuleVersion("1.5.08")!, timeout: .seconds(120)))
        #expect(report.result == .completed)
        #expect(report.versionAfter?.value?.description == "1.5.08")
        #expect(report.checks.contains(UpdateCheck(.newerAvailable, "note: 1.5.09 is newer and also eligible")))
    }

    @Test("the kernel rejects the image: harmless, old module still runs")
    func harmless() async throws {
        let (report, host) = try await Self.run(behavior: .rejectHarmlessly("firmware-invalid"))
        #expect(report.result == .failedHarmless(UploadFailure(phase: .transferring, error: .firmwareInvalid)))
        #expect(report.versionAfter == .value(ModuleVersion("1.5.06")!))
        #expect(report.message.contains("1.5.06 still runs and TDs are untouched"))
        #expect(host.moduleVersion == "1.5.06")
    }

    @Test("a v1 image forced onto a mainline host is rejected harmlessly (what Intel's script causes)")
    func v1OnMainline() async throws {
        let (report, _) = try await Self.run(UpdateRequest(timeout: .seconds(120), format: .v1))
        #expect(report.uploadFormat == .v1)
        #expect(report.result == .failedHarmless(UploadFailure(phase: .transferring, error: .firmwareInvalid)))
    }

    @Test("the module is lost: fatal, reported as such")
    func fatal() async throws {
        let (report, _) = try await Self.run(behavior: .loseModule)
        guard case .failedFatal = report.result else {
            Issue.record("expected fatal, got \(report.result)")
            return
        }
        #expect(report.versionAfter?.errno == .noSuchAddressOrDevice)
        #expect(report.message.contains("every TD was lost"))
    }

    @Test("the kernel does not finish: timed out, with what to do")
    func timedOut() async throws {
        let (report, _) = try await Self.run(UpdateRequest(timeout: .milliseconds(50)), behavior: .hang)
        guard case .timedOut(let lastStatus) = report.result else {
            Issue.record("expected timedOut, got \(report.result)")
            return
        }
        #expect(lastStatus != .idle)
        #expect(report.message.contains("cannot be cancelled"))
    }

    @Test("dry run checks everything and uploads nothing")
    func dryRun() async throws {
        let (report, host) = try await Self.run(UpdateRequest(dryRun: true))
        #expect(report.result == .dryRun)
        #expect(report.target?.description == "1.5.09")
        #expect(report.uploadBytes != nil)
        #expect(host.writes.isEmpty)
    }

    @Test("refusals: each stops before anything is written, with its message")
    func refusals() async throws {
        var exhausted = HostDescription()
        exhausted.remainingUpdates = "0"
        var offline = HostDescription()
        offline.offlineCPUs = [4, 5, 7]
        var newest = HostDescription()
        newest.moduleVersion = "1.5.09"
        var unknownRemaining = HostDescription()
        unknownRemaining.remainingUpdates = "many"
        var unknownCPUs = HostDescription()
        unknownCPUs.cpuListsReadable = false
        var foreignCPU = HostDescription()
        foreignCPU.cpus = [CPUIDSignature(rawValue: 0x906A3)]
        let cases: [(UpdateRequest, HostDescription, String, String)] = [
            (UpdateRequest(), exhausted, "no_remaining_updates", "num_remaining_updates is 0"),
            (UpdateRequest(), offline, "cpus_offline", "CPUs 4-5,7 are present but offline"),
            (UpdateRequest(), unknownRemaining, "remaining_updates_unknown", "cannot confirm that P-SEAMLDR"),
            (UpdateRequest(), unknownCPUs, "cpus_unknown", "cannot confirm that every present CPU is online"),
            (UpdateRequest(), newest, "no_candidate", "no newer TDX module to install over the running 1.5.09"),
            (UpdateRequest(), foreignCPU, "no_candidate", "CPU 0x906A3 not supported"),
            (UpdateRequest(version: ModuleVersion("1.5.06")!), HostDescription(), "not_eligible", "already running"),
            (
                UpdateRequest(version: ModuleVersion("1.5.05")!), HostDescription(), "not_eligible",
                "older than the running 1.5.06"
            ),
            (UpdateRequest(version: ModuleVersion("2.0.08")!), HostDescription(), "not_eligible", "different series"),
            (
                UpdateRequest(version: ModuleVersion("1.5.07")!), HostDescription(), "version_not_found",
                "no image of version 1.5.07"
            ),
        ]
        for (request, description, code, text) in cases {
            let (report, host) = try await Self.run(request, host: description)
            guard case .refused(let refusal) = report.result else {
                Issue.record("expected refusal \(code), got \(report.result): \(report.message)")
                continue
            }
            #expect(refusal.code == code)
            #expect(report.message.contains(text), "\(report.message)")
            #expect(host.writes.isEmpty)
            #expect(host.moduleVersion == description.moduleVersion)
        }
    }

    @Test("an upload already in progress: refused, nothing written")
    func uploadInProgress() async throws {
        let (report, host) = try await Self.run(behavior: .hang) { host in
            try? host.write("/sys/class/firmware/tdx_module/loading", Array("1".utf8))
            try? host.write("/sys/class/firmware/tdx_module/data", [1, 2, 3])
            try? host.write("/sys/class/firmware/tdx_module/loading", Array("0".utf8))
        }
        guard case .refused(.uploadBusy(let status)) = report.result else {
            Issue.record("expected an upload-busy refusal, got \(report.result)")
            return
        }
        #expect(status != .idle)
        #expect(report.message.contains("another firmware upload is in progress"))
        #expect(host.writes.count == 3)
    }

    @Test("--force reinstalls the running version")
    func force() async throws {
        let (report, host) = try await Self.run(
            UpdateRequest(version: ModuleVersion("1.5.06")!, force: true, timeout: .seconds(120)))
        #expect(report.result == .completed, "\(report.message)")
        #expect(host.uploads.count == 1)
    }

    @Test("debug images are refused unless allowed")
    func debugImages() async throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.08", "1.5.09"], debug: ["1.5.09"])
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        let host = FakeFirmwareHost(HostDescription())
        let updater = ModuleUpdater(files: host, pollInterval: .milliseconds(1))
        let automatic = await updater.update(UpdateRequest(dryRun: true), catalog: catalog)
        #expect(automatic.target?.description == "1.5.08")
        let named = await updater.update(
            UpdateRequest(version: ModuleVersion("1.5.09")!, dryRun: true), catalog: catalog)
        #expect(named.message.contains("debug module (use --allow-debug"))
        let allowed = await updater.update(UpdateRequest(allowDebug: true, dryRun: true), catalog: catalog)
        #expect(allowed.target?.description == "1.5.09")
    }

    @Test("a named image that fails verification is refused, not uploaded")
    func namedUnverified() async throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.08"])
        let catalog = try ImageCatalog(directory: folder.path, trust: .intel)
        let host = FakeFirmwareHost(HostDescription())
        let report = await ModuleUpdater(files: host).update(
            UpdateRequest(version: ModuleVersion("1.5.08")!), catalog: catalog)
        guard case .refused(.notEligible(_, _, let reasons)) = report.result else {
            Issue.record("expected a refusal, got \(report.result)")
            return
        }
        #expect(reasons.map(\.code) == ["verification_failed"])
        #expect(host.writes.isEmpty)
    }

    @Test("no TDX, no update support, lost module, not root")
    func hostProblems() async throws {
        var noTDX = HostDescription()
        noTDX.layout = .noTDX
        let (none, _) = try await Self.run(host: noTDX)
        #expect(none.result == .noTDX(.noTDXHost(cpuReportsTDX: true)))
        #expect(none.message.hasPrefix("this machine has no TDX"))

        var unsupported = HostDescription()
        unsupported.layout = .noUpdateSupport
        let (old, _) = try await Self.run(host: unsupported)
        #expect(old.result == .noTDX(.noUpdateSupport))
        #expect(old.message.contains("offers no TDX module runtime update"))

        let (lost, _) = try await Self.run { $0.failReads(of: HostPaths.moduleVersion, with: .noSuchAddressOrDevice) }
        #expect(lost.result == .noTDX(.moduleLost))
        #expect(lost.message.contains("ENXIO"))

        let (user, host) = try await Self.run { $0.failReads(of: HostPaths.remainingUpdates, with: .permissionDenied) }
        #expect(user.result == .error(.permissionDenied(path: HostPaths.remainingUpdates)))
        #expect(user.message.contains("run as root"))
        #expect(host.writes.isEmpty)

        // Linux 7.2 also answers EACCES for a SEAMCALL #UD: as root, "run as root" is wrong.
        let (root, rootHost) = try await Self.run(effectiveUserID: 0) {
            $0.failReads(of: HostPaths.remainingUpdates, with: .permissionDenied)
        }
        #expect(root.result == .error(.seamldrCallFailed(path: HostPaths.remainingUpdates, errno: .permissionDenied)))
        #expect(!root.message.contains("run as root"))
        #expect(rootHost.writes.isEmpty)
    }
}
