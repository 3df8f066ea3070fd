import ArgumentParser
import Foundation
import TDXImage
import TDXUpdater

/// `tdxctl update [VERSION]`: install the newest eligible image (or the named one) on the
/// running host, keeping TDs, and say plainly how it ended.
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Update the running TDX module to the newest eligible image (or VERSION), keeping TDs.",
        discussion: """
            Before anything is written: the image is verified (checksum, signature, module hash, trusted key), \
            checked against every CPU and the P-SEAMLDR, must be TD-preserving capable and newer than the \
            running module (--force allows the same version), P-SEAMLDR must have updates left, and every \
            present CPU must be online. The image is converted to the format the kernel takes (v2 on \
            mainline), uploaded through the firmware-upload files, followed until idle, and the module \
            version read back.
            The checks before the upload are this tool's additions: Linux 7.2 checks only the image header. \
            Exit status: 0 updated (or --dry-run passed), 1 error, 10 refused (nothing changed), 11 failed \
            harmlessly (old module still runs), 12 failed fatally (module and TDs lost), 14 timed out or \
            interrupted after the upload started, 15 completed but the kernel's cached version is stale, \
            20 no TDX or no update support. docs/UPDATER.md lists every code.
            """)

    @Argument(help: "The version to install, e.g. 1.5.16 (default: the newest eligible).")
    var version: ModuleVersion?

    @OptionGroup var host: HostRootOption
    @OptionGroup var selection: ImageSelectionOptions
    @OptionGroup var state: StateDirectoryOption

    @Option(help: ArgumentHelp("Seconds to wait for the kernel to finish the upload.", valueName: "S"))
    var timeout: Double = 300

    @Option(
        help: ArgumentHelp(
            "Image format to upload (default: what this kernel takes: v2 on mainline, v1 on the older series).",
            valueName: "v1|v2"))
    var format: ImageFormat?

    @Flag(help: "Run every check and prepare the image, but upload nothing.")
    var dryRun = false

    @Flag(help: "Reinstall the running version (spends one of the remaining updates).")
    var force = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard timeout > 0, timeout <= 86_400 else {
            throw ValidationError("--timeout must be between 0 and 86400 seconds")
        }
    }

    func run() async throws {
        let started = Date()
        let clock = ContinuousClock.now
        let files = try common.reporting { try host.files(logger: common.logger) }
        let catalog = try common.reporting { try selection.catalog() }
        let request = UpdateRequest(
            version: version, allowDebug: selection.allowDebug, force: force, dryRun: dryRun,
            timeout: .milliseconds(Int64(timeout * 1000)), format: format)
        let session = HostSession(files, timeout: request.timeout)
        var updater = ModuleUpdater(files: session.files, logger: common.logger)
        updater.deadline = session.deadline
        if !dryRun { updater.lockRoot = host.root }
        let json = common.json
        updater.onLockWait = { pid in
            guard !json else { return }
            print("waiting for the update lock: \(pid.map { "process \($0)" } ?? "another process") holds it")
        }
        let running = CancellableTask()
        try InterruptSignals.route(to: session.deadline) { running.cancel() }
        let report = await running.run { [updater] in
            await updater.update(
                request, catalog: catalog,
                willUpload: { ready in
                    guard !json else { return }
                    ready.checks.forEach { print("ok: \($0.message)") }
                    if let abandoned = ready.abandonedUpload { print("notice: \(abandoned.message)") }
                    print("uploading \(ready.imagePath ?? "?") (\(ready.uploadBytes ?? 0) bytes)")
                },
                progress: { step in
                    guard !json else { return }
                    let remaining = step.remainingSize.map { ", \($0) bytes left" } ?? ""
                    print("  status: \(step.status)\(remaining) at \(step.elapsed.secondsText)")
                })
        }
        if json {
            try printJSON(UpdateSummary(report))
        } else {
            if report.upload == nil { report.checks.forEach { print("ok: \($0.message)") } }
            if report.upload == nil, let abandoned = report.abandonedUpload { print("notice: \(abandoned.message)") }
            for skipped in report.skipped {
                print("skipped \(skipped.version.map(\.description) ?? skipped.path): \(skipped.reason)")
            }
            if report.result == .completed || report.result == .dryRun {
                print(report.message)
            } else {
                printError(report.message)
            }
        }
        let status = ExitStatus(report.result)
        recordHistory(report, catalog: catalog, started: started, duration: .now - clock)
        if status != .success { throw ExitCode(status) }
    }
}
