import TDXImage
import TDXSysfs

extension ModuleUpdater {
    /// Classifies the upload's outcome by reading the module version back: the target
    /// version is success, the old one a harmless failure, ENXIO a fatal one.
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
                finish(.failedFatal(fatalText), "the kernel reported success, but " + fatalText)
            } else if let version = after.value, version == report.versionBefore {
                finish(
                    .failedHarmless("version unchanged"),
                    "the kernel reported success, but \(version) still runs (expected \(target)); TDs are untouched")
            } else {
                let text = "the kernel reported success, but the module version reads \(afterText), expected \(target)"
                finish(.error(text), text)
            }
        case .failed(let error, _):
            if lost {
                finish(.failedFatal(fatalText), "update to \(target) failed (\(error)): " + fatalText)
            } else if let version = after.value {
                finish(
                    .failedHarmless(error.text),
                    "update to \(target) failed (\(error)); \(version) still runs and TDs are untouched"
                        + hint(for: error))
            } else {
                let text = "update to \(target) failed (\(error)) and the module version cannot be read: \(afterText)"
                finish(.error(text), text)
            }
        case .timedOut(let lastStatus, let elapsed):
            let text =
                "the kernel did not finish within \(elapsed.secondsText) (status: \(lastStatus)); an update cannot be "
                + "cancelled: watch \(report.hostBefore?.layout.firmwareDirectory ?? "")/status until idle, "
                + "then run `tdxctl status`"
            finish(.timedOut(text), text)
        case .notStarted(let failure):
            switch failure {
            case .busy(let status):
                finish(.refused(.uploadBusy(status)), UpdateRefusal.uploadBusy(status).description)
            case .writeFailed(let error), .statusUnreadable(let error):
                let root =
                    error.errno == .permissionDenied || error.errno == .notPermitted ? " (run as root)" : ""
                finish(.error(failure.description), "\(failure)\(root); nothing was installed, \(before) still runs")
            case .interfaceMissing:
                finish(.noTDX(failure.description), failure.description)
            }
        case .lostTrack(let error, _):
            if lost {
                finish(.failedFatal(fatalText), "lost track of the upload (\(error)); " + fatalText)
            } else {
                finish(
                    .error("lost track of the upload: \(error)"),
                    "lost track of the upload (\(error)); module version now \(afterText)")
            }
        }
    }

    private func hint(for error: UploadFailure) -> String {
        switch error.error {
        case .deviceBusy: return " (the kernel was busy: a CPU offline or a TD being built; retry later)"
        case .flashWearout: return " (no remaining updates: reboot to reset the count)"
        case .firmwareInvalid: return " (the kernel or P-SEAMLDR rejected the image before shutting the module down)"
        default: return ""
        }
    }
}
