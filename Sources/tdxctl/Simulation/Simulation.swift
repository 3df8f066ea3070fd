import Foundation
import Lockstep
import Logging
import TDXHost
import TDXImage
import TDXSysfs
import TDXUpdater

/// One run of `tdxctl simulate`: build the host, let its TDs run, then run the operator's
/// `ModuleUpdater` against the simulated kernel's files exactly as `tdxctl update` runs it
/// against a real `/sys`: selection, verification, prechecks, upload with progress, and
/// the conclusion read back from the files. The host adds what only a simulator sees.
struct Simulation {
    var configuration: HostConfiguration
    /// The images to choose from (built-in or a folder).
    var catalog: ImageCatalog
    /// The version the host boots.
    var from: ModuleVersion
    /// What the operator asks the updater for (the `--to` version, `--force`).
    var request: UpdateRequest
    /// Where `--log-level` sends every host file access and decision.
    var logger: Logger = Logger(label: "tdxctl", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Called with each human progress line (nothing is printed with `--json`).
    var say: (String) -> Void

    struct Result {
        /// The updater's report, as `tdxctl update` would print it.
        let update: UpdateReport
        /// What only the simulated kernel knows.
        let kernel: KernelReport
        /// The engine's report of the stop-the-world, when one ran (for `--trace`).
        let procedure: ProcedureReport?
        /// Where the running image came from.
        let fromImage: String
        /// The simulated host, after the run (for the picture of the update).
        let host: SimulatedHost
        /// The kernel's own record of the update, when the upload reached it.
        let attempt: UpdateAttempt?

        /// The exit status: the update's, except that a harmless failure after which the
        /// kernel re-installed the previous image is a recovery.
        var exitStatus: ExitStatus {
            let status = ExitStatus(update.result)
            return status == .failedHarmless && kernel.recovered ? .recovered : status
        }
    }

    func run() async throws -> Result {
        var configuration = configuration
        configuration.runningImage = try SimulationCatalog.runningImage(from, in: catalog)
        configuration.kernel.versionHints.merge(SimulationCatalog.versionHints(catalog)) { current, _ in current }
        let host = try SimulatedHost(configuration: configuration)
        defer { host.shutdown() }
        let files: any HostFiles = LoggingHostFiles(host.sysfs, logger: logger)
        let versionBefore = (try? files.readText(HostPaths.moduleVersion)) ?? "unreadable"
        say(
            "host: \(host.cpus.count) CPUs\(host.cpus.isPinned ? " (pinned)" : " (simulated)"), \(host.workloads.count) TDs, TDX module \(versionBefore)"
        )

        host.startWorkloads()
        let warmStart = host.workloads.progress
        _ = host.workloads.waitForProgress(since: warmStart, calls: 10, timeout: .seconds(2))
        say(
            "TDs running: "
                + host.workloads.progress.map { "td\($0.td) \($0.successfulCalls) calls" }.joined(separator: ", "))

        var atUpdate = host.workloads.progress
        let say = self.say
        let report = await ModuleUpdater(files: files, pollInterval: .milliseconds(1), logger: logger).update(
            request, catalog: catalog,
            willUpload: { ready in
                ready.checks.forEach { say("ok: \($0.message)") }
                say("upload: \(ready.imagePath ?? "?") (\(ready.uploadBytes ?? 0) bytes)")
                atUpdate = host.workloads.progress
            },
            progress: { step in
                let remaining = step.remainingSize.map { ", remaining_size \($0)" } ?? ""
                say("  status: \(step.status.text)\(remaining)")
            })
        if host.kernel.lastUpdate?.outcome != .failedFatal {
            _ = host.workloads.waitForProgress(since: atUpdate, calls: 10, timeout: .seconds(2))
        }
        let afterwards = host.workloads.stop()
        return Result(
            update: report, kernel: KernelReport(host: host, atUpdate: atUpdate, afterwards: afterwards),
            procedure: host.kernel.lastUpdate?.report,
            fromImage: catalog.candidates.first { $0.facts?.version == from }?.path ?? "?",
            host: host, attempt: host.kernel.lastUpdate)
    }
}
