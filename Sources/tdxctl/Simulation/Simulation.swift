import Foundation
import Lockstep
import TDXHost
import TDXImage
import TDXSysfs
import TDXUpdater

/// One run of `tdxctl simulate`: build the host, let the TDs run, upload the new image
/// through the firmware-upload files with the updater's own upload code, then collect
/// what happened.
struct Simulation {
    var configuration: HostConfiguration
    var images: SimulationImages
    /// Called with each human progress line (nothing is printed with `--json`).
    var say: (String) -> Void

    struct Result {
        let report: SimulationReport
        let update: UpdateAttempt?
        let host: SimulatedHost
    }

    func run() async throws -> Result {
        var configuration = configuration
        configuration.runningImage = images.from
        configuration.kernel.versionHints.merge(images.versionHints) { current, _ in current }
        let host = try SimulatedHost(configuration: configuration)
        defer { host.shutdown() }
        let files = host.sysfs
        let versionBefore = (try? files.readText(HostPaths.moduleVersion)) ?? "unreadable"
        let seamldr = (try? files.readText(HostPaths.seamldrVersion)) ?? "unreadable"
        let remaining = (try? files.readText(HostPaths.remainingUpdates)) ?? "unreadable"
        say(
            "host: \(host.cpus.count) CPUs\(host.cpus.isPinned ? " (pinned)" : " (simulated)"), "
                + "\(host.workloads.count) TDs, TDX module \(versionBefore), P-SEAMLDR \(seamldr), "
                + "\(remaining) updates left")

        host.startWorkloads()
        let warmStart = host.workloads.progress
        _ = host.workloads.waitForProgress(since: warmStart, calls: 10, timeout: .seconds(2))
        say(
            "TDs running: "
                + host.workloads.progress.map { "td\($0.td) \($0.successfulCalls) calls" }.joined(separator: ", "))

        let uploader = FirmwareUploader(
            files: files, firmwareDirectory: HostPaths.firmwareClass + "/" + HostPaths.mainlineFirmwareName,
            pollInterval: .milliseconds(1))
        say("upload: \(images.to.count) bytes to \(uploader.firmwareDirectory)")
        var statuses: [String] = []
        let outcome = await uploader.upload(image: images.to, timeout: .seconds(120)) { progress in
            statuses.append(progress.status.text)
            let remaining = progress.remainingSize.map { ", remaining_size \($0)" } ?? ""
            say("  status: \(progress.status.text)\(remaining)")
        }
        let atUpdate = host.workloads.progress
        let update = host.kernel.lastUpdate
        let survived = update.map { $0.outcome != .failedFatal } ?? true
        if survived { _ = host.workloads.waitForProgress(since: atUpdate, calls: 10, timeout: .seconds(2)) }
        let afterwards = host.workloads.stop()
        let versionAfter: String?
        do { versionAfter = try files.readText(HostPaths.moduleVersion) } catch { versionAfter = nil }

        let report = makeReport(
            host: host, update: update, upload: outcome, statuses: statuses, versionBefore: versionBefore,
            versionAfter: versionAfter, atUpdate: atUpdate, afterwards: afterwards)
        return Result(report: report, update: update, host: host)
    }

    private func makeReport(
        host: SimulatedHost, update: UpdateAttempt?, upload: UploadOutcome, statuses: [String],
        versionBefore: String, versionAfter: String?, atUpdate: [TDProgress], afterwards: [TDProgress]
    ) -> SimulationReport {
        let preservedDigests = update?.tdsPreserved ?? true
        let tdEntries = afterwards.indices.map { index -> SimulationReport.TDEntry in
            let before = update?.tdDigestsBefore?[safe: index]
            let after = update?.tdDigestsAfter?[safe: index]
            let progressed = afterwards[index].successfulCalls > atUpdate[index].successfulCalls
            let digestsMatch = before == nil || before == after
            return SimulationReport.TDEntry(
                td: index, digestBefore: before.map(hexString), digestAfter: after.map(hexString),
                preserved: digestsMatch && progressed && update?.outcome != .failedFatal,
                callsAtUpdate: atUpdate[index].successfulCalls, callsAfter: afterwards[index].successfulCalls,
                progressedAfter: progressed, failedCalls: afterwards[index].failedCalls,
                longestGapNs: afterwards[index].longestGapNs)
        }
        let outcome = update?.outcome ?? .failedHarmless
        let (uploadError, elapsed): (String?, Duration) = {
            switch upload {
            case .completed(let elapsed): return (nil, elapsed)
            case .failed(let error, let elapsed): return (error.description, elapsed)
            case .timedOut(let status, let elapsed): return ("timed out in status \(status)", elapsed)
            case .notStarted(let failure): return ("not started: \(failure)", .zero)
            case .lostTrack(let error, let elapsed): return ("lost track: \(error)", elapsed)
            }
        }()
        return SimulationReport(
            outcome: outcome.rawValue,
            refused: update?.refusal.map { .init(code: $0.code, message: $0.description) },
            versionBefore: versionBefore, versionAfter: versionAfter,
            imageVersion: update?.imageVersion?.description, fromImage: images.fromSource,
            toImage: images.toSource, cpus: host.cpus.count, cpuIDs: host.cpus.cpus.map(\.id),
            pinned: host.cpus.isPinned, tds: tdEntries.count,
            tdsPreserved: preservedDigests && tdEntries.allSatisfy(\.preserved) && outcome != .failedFatal,
            blackoutNs: update?.blackoutNs ?? 0, drainNs: update?.report?.drainNs,
            seamcallOverlaps: host.layer.seamcallOverlaps, recovery: configuration.kernel.recovery,
            errors: (update?.failures ?? []).map(SimulationReport.ErrorEntry.init),
            steps: SimulationReport.StepEntry.entries(from: update?.report, recoveryRan: update?.recoveryRan ?? false),
            tdDetails: tdEntries,
            upload: .init(statuses: statuses, error: uploadError, elapsedNs: elapsed.nanoseconds),
            watchdog: update?.report?.watchdogEvents.map(\.description) ?? [])
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension Duration {
    /// The duration in whole nanoseconds (0 when negative).
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
