import Glibc
import Logging
import TDXImage
import TDXSysfs

#if !os(Linux)
    #error("tdx-runtime-update runs on Linux: it reads /proc and /sys and uses glibc")
#endif

/// The `update` procedure: read the host, choose and verify an image, check everything
/// that would otherwise fail only after the old module is shut down, convert the image to
/// the format the kernel takes, upload it, and tell success from a harmless or a fatal
/// failure by reading the module version back.
public struct ModuleUpdater: Sendable {
    /// The host's files.
    public let files: any HostFiles
    /// How often the upload's status is read.
    public let pollInterval: Duration
    /// The effective user id this process runs as (EACCES means "not root" only when it
    /// is not 0).
    public let effectiveUserID: UInt32
    /// Where every decision is logged (debug level); silent by default.
    public let logger: Logger
    /// The root (`/`, or `--root`'s folder) of the host whose one-writer lock is taken once
    /// the checks pass, before anything is written (``UpdateLock``); nil takes none (the
    /// simulated host).
    public var lockRoot: String?
    /// The command's deadline and interruption (the lock's wait ends by it; an interrupted
    /// update is refused before `loading=1`); nil: a deadline of `request.timeout`.
    public var deadline: HostDeadline?
    /// Told the holder's pid when the update lock is found held, before the wait.
    public var onLockWait: @Sendable (Int32?) -> Void = { _ in }

    /// An updater for the host behind `files`.
    public init(
        files: any HostFiles, pollInterval: Duration = .milliseconds(100), effectiveUserID: UInt32 = geteuid(),
        logger: Logger = Logger(label: "tdx.updater", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.files = files
        self.pollInterval = pollInterval
        self.effectiveUserID = effectiveUserID
        self.logger = logger
    }

    /// Runs the whole procedure (or stops after the checks for a dry run).
    /// `willUpload` sees the report with every passed check just before the upload starts;
    /// `progress` sees every upload status change.
    public func update(
        _ request: UpdateRequest, catalog: ImageCatalog, willUpload: (UpdateReport) -> Void = { _ in },
        progress: (UploadProgress) -> Void = { _ in }
    ) async -> UpdateReport {
        var report = UpdateReport(result: .dryRun, message: "")
        let image: [UInt8]
        let firmwareDirectory: String
        var lock: UpdateLock?
        defer { lock?.release() }
        do throws(UpdateStop) {
            image = try prepare(request, catalog: catalog, into: &report)
            guard let directory = report.hostBefore?.layout.firmwareDirectory else { throw .noTDX(.noUpdateSupport) }
            firmwareDirectory = directory
            // Checks first (a refusal needs no lock), then the lock, and under it every
            // write and the host read again: what the checks saw still holds.
            if !request.dryRun { lock = try takeLock(request) }
            report.abandonedUpload = try abortAbandonedUpload(in: directory, dryRun: request.dryRun)
            if !request.dryRun { try recheck(report) }
        } catch  where isInterrupted {
            report.result = .refused(.interrupted(signal: deadline?.interruption, abort: .notNeeded))
            report.message = UpdateRefusal.interrupted(signal: deadline?.interruption, abort: .notNeeded).description
            return report
        } catch {
            report.result = error.result
            report.message = error.message
            logDecision(report)
            return report
        }
        if request.dryRun {
            report.result = .dryRun
            report.message =
                "dry run: would update \(describe(report.versionBefore)) -> \(describe(report.target)) with "
                + "\(report.imagePath ?? "?") (\(image.count) bytes, \(report.uploadFormat?.rawValue ?? "?")); "
                + "nothing was uploaded"
            logDecision(report)
            return report
        }
        willUpload(report)
        let uploader = FirmwareUploader(files: files, firmwareDirectory: firmwareDirectory, pollInterval: pollInterval)
        var seen: [UploadProgress] = []
        logger.debug("decision: upload \(image.count) bytes to \(firmwareDirectory)")
        let logger = self.logger
        let outcome = await uploader.upload(image: image, timeout: request.timeout) { step in
            logger.debug("upload status: \(step.status) remaining_size \(step.remainingSize.map(String.init) ?? "?")")
            seen.append(step)
            progress(step)
        }
        logger.debug("upload outcome: \(outcome)")
        report.progress = seen
        report.upload = outcome
        conclude(&report, outcome: outcome)
        logDecision(report)
        return report
    }

    /// Every check before the upload, in order, recording each passed check in `report`;
    /// returns the bytes to upload. Nothing on the host is changed.
    func prepare(
        _ request: UpdateRequest, catalog: ImageCatalog, into report: inout UpdateReport
    ) throws(UpdateStop) -> [UInt8] {
        let status = HostProbe(files: files).read()
        report.hostBefore = status
        report.versionBefore = status.moduleVersion.value
        let running = try requireUpdatableModule(status)
        report.checks.append(
            UpdateCheck(.moduleRunning, "TDX module \(running) running; update interface: \(status.layout.generation)"))
        try requireUploadInterface(status, into: &report)
        let chosen = try choose(request, catalog: catalog, status: status, running: running, into: &report)
        try requireRemainingUpdates(status, into: &report)
        try requireAllCPUsOnline(status, into: &report)
        return try uploadBytes(of: chosen, format: request.format ?? status.layout.uploadFormat, into: &report)
    }

    func describe(_ version: ModuleVersion?) -> String { version.map(\.description) ?? "?" }

    /// Logs the passed checks and how the update ended.
    private func logDecision(_ report: UpdateReport) {
        for check in report.checks { logger.debug("check passed: \(check.kind.rawValue): \(check.message)") }
        logger.debug(
            "decision: \(report.result.name)\(report.result.reasonCode.map { " (\($0))" } ?? ""): \(report.message)")
    }
}
