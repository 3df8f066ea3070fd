import SystemSupport
import TDXImage
import TDXSysfs

extension ModuleUpdater {
    /// Classifies the upload's outcome by reading the module version back: the target
    /// version is success, ENXIO a fatal failure, the old version a harmless failure when
    /// the kernel reported one and a stale cached version when it reported success.
    func conclude(_ report: inout UpdateReport, outcome: UploadOutcome) {
        let after: AttributeReading<ModuleVersion> = .read(HostPaths.moduleVersion, from: files) { ModuleVersion($0) }
        report.versionAfter = after
        let before = describe(report.versionBefore)
        let target = describe(report.target)
        let afterText = after.value.map(\.description) ?? after.problem ?? "?"
        let lost = after.errno == .noSuchAddressOrDevice
        let fatalText =
            "the TDX module is gone (\(HostPaths.moduleVersion): ENXIO): every TD was lost; "
            + "reboot to load the BIOS's module again"
        func finish(_ result: UpdateResult, _ message: String) {
            report.result = result
            report.message = message
        }
        switch outcome {
        case .completed(let elapsed):
            if let version = after.value, version == report.target {
                finish(.completed, "updated TDX module \(before) -> \(version) in \(elapsed.secondsText)")
            } else if lost {
                finish(.failedFatal(nil), "the kernel reported success, but " + fatalText)
            } else if let version = after.value, version == report.versionBefore {
                finish(
                    .completedVersionStale(reads: version),
                    "the kernel reported success (error empty, status idle) but version still reads \(version), "
                        + "not \(target): the update most likely succeeded and the kernel's cached version is stale "
                        + "(Linux 7.2 keeps it when re-reading it after the update fails; see the kernel log). "
                        + "TDs keep running; a reboot or the next update refreshes it")
            } else {
                let error = UpdateError.unexpectedVersion("\(afterText), expected \(target)")
                finish(.error(error), error.description)
            }
        case .failed(let failure, _):
            if lost {
                finish(.failedFatal(failure), "update to \(target) failed (\(failure)): " + fatalText)
            } else if let version = after.value {
                finish(
                    .failedHarmless(failure),
                    "update to \(target) failed (\(failure)); \(version) still runs and TDs are untouched"
                        + hint(for: failure))
            } else {
                let error = UpdateError.versionUnreadableAfterFailure(failure, problem: afterText)
                finish(.error(error), error.description)
            }
        case .timedOut(let lastStatus, let elapsed):
            finish(
                .timedOut(lastStatus: lastStatus),
                "the kernel did not finish within \(elapsed.secondsText) (status: \(lastStatus)); the update may "
                    + "still be running in the kernel and cannot be cancelled: " + followHint(report)
            )
        case .interrupted(let lastStatus, let elapsed):
            finish(
                .interrupted(lastStatus: lastStatus),
                "interrupted\(deadline?.interruption.map { " (\(SignalPipe.name(of: $0)))" } ?? "") "
                    + "\(elapsed.secondsText) after the image was handed over (status: \(lastStatus)): the update "
                    + "continues in the kernel and cannot be cancelled; " + followHint(report))
        case .notStarted(let failure):
            switch failure {
            case .busy(let status):
                finish(.refused(.uploadBusy(status)), UpdateRefusal.uploadBusy(status).description)
            case .writeFailed(let error), .statusUnreadable(let error):
                let root = error.errno.isPermissionError && effectiveUserID != 0 ? " (run as root)" : ""
                finish(
                    .error(.uploadNotStarted(failure)), "\(failure)\(root); nothing was installed, \(before) still runs"
                )
            case .interfaceMissing:
                finish(.noTDX(.noUpdateSupport), failure.description)
            case .interrupted(let abort):
                let refusal = UpdateRefusal.interrupted(signal: deadline?.interruption, abort: abort)
                finish(.refused(refusal), refusal.description)
            }
        case .lostTrack(let error, _):
            if lost {
                finish(.failedFatal(nil), "lost track of the upload (\(error)); " + fatalText)
            } else {
                finish(
                    .error(.lostTrack(error)), "lost track of the upload (\(error)); module version now \(afterText)")
            }
        }
    }

    private func followHint(_ report: UpdateReport) -> String {
        let status = report.hostBefore?.layout.uploadPath(.status) ?? HostPaths.firmwareClass + "/*/status"
        return "follow it with `cat \(status)` until it reads idle, then `tdxctl status` shows the running version"
    }

    private func hint(for failure: UploadFailure) -> String {
        switch failure.error {
        case .deviceBusy: return " (the kernel was busy: a CPU offline or a TD being built; retry later)"
        case .flashWearout: return " (no remaining updates: reboot to reset the count)"
        case .firmwareInvalid: return " (the kernel or P-SEAMLDR rejected the image before shutting the module down)"
        default: return ""
        }
    }
}
