import TDXImage

/// The `update` procedure: read the host, choose and verify an image, check everything
/// that would otherwise fail only after the old module is shut down, convert the image to
/// the format the kernel takes, upload it, and tell success from a harmless or a fatal
/// failure by reading the module version back.
public struct ModuleUpdater: Sendable {
    /// The host's files.
    public let files: any HostFiles
    /// How often the upload's status is read.
    public let pollInterval: Duration

    /// An updater for the host behind `files`.
    public init(files: any HostFiles, pollInterval: Duration = .milliseconds(100)) {
        self.files = files
        self.pollInterval = pollInterval
    }

    /// Runs the whole procedure (or stops after the checks for a dry run).
    /// `willUpload` sees the report with every passed check just before the upload starts;
    /// `progress` sees every upload status change.
    public func update(
        _ request: UpdateRequest, catalog: ImageCatalog, willUpload: (UpdateReport) -> Void = { _ in },
        progress: (UploadProgress) -> Void = { _ in }
    ) async -> UpdateReport {
        var report: UpdateReport
        let prepared = prepare(request, catalog: catalog)
        switch prepared {
        case .stopped(let stopped): return stopped
        case .ready(let ready, let image): report = ready
            if request.dryRun {
                report.result = .dryRun
                report.message =
                    "dry run: would update \(describe(report.versionBefore)) -> \(describe(report.target)) with \(report.imagePath ?? "?") (\(report.uploadBytes ?? 0) bytes, \(report.uploadFormat?.rawValue ?? "?")); nothing was uploaded"
                return report
            }
            guard let firmwareDirectory = report.hostBefore?.layout.firmwareDirectory else {
                report.result = .noTDX("no firmware-upload interface")
                return report
            }
            let uploader = FirmwareUploader(
                files: files, firmwareDirectory: firmwareDirectory, pollInterval: pollInterval)
            willUpload(report)
            var seen: [UploadProgress] = []
            let outcome = await uploader.upload(image: image, timeout: request.timeout) { step in
                seen.append(step)
                progress(step)
            }
            report.progress = seen
            report.upload = outcome
            conclude(&report, outcome: outcome)
            return report
        }
    }

    /// What `prepare` produced: a finished report (refusal, error) or a report ready for
    /// upload together with the image bytes to upload.
    enum Preparation {
        case stopped(UpdateReport)
        case ready(UpdateReport, [UInt8])
    }

    /// Every check before the upload, in order; nothing on the host is changed.
    func prepare(_ request: UpdateRequest, catalog: ImageCatalog) -> Preparation {
        let status = HostProbe(files: files).read()
        func stop(_ result: UpdateResult, _ message: String) -> Preparation {
            var report = UpdateReport(result: result, message: message)
            report.hostBefore = status
            report.versionBefore = status.moduleVersion.value
            return .stopped(report)
        }
        if let explanation = status.noTDXExplanation { return stop(.noTDX(explanation), explanation) }
        guard let running = status.moduleVersion.value else {
            let problem = status.moduleVersion.problem ?? "unreadable"
            return stop(.error(problem), "cannot read the running module's version: \(problem)")
        }
        guard status.updateSupported else {
            let text =
                "this kernel offers no TDX module runtime update (\(HostPaths.firmwareClass)/\(HostPaths.mainlineFirmwareName) does not exist: the CPU or P-SEAMLDR lacks update support, or the kernel predates it)"
            return stop(.noTDX(text), text)
        }
        var report = UpdateReport(result: .dryRun, message: "")
        report.hostBefore = status
        report.versionBefore = running
        report.checks.append("TDX module \(running) running; update interface: \(status.layout.generation)")

        let context = SelectionContext(status: status, allowDebug: request.allowDebug)
        let assessments = ImageSelector.assessAll(catalog.candidates, in: context)
        let chosen: ImageAssessment
        if let wanted = request.version {
            guard let named = ImageSelector.named(wanted, among: assessments, force: request.force) else {
                let available = Array(Set(assessments.compactMap(\.version))).sorted(by: >)
                return stopRefused(&report, .versionNotFound(wanted, available: available))
            }
            let blocking = ImageSelector.blockingReasons(named, force: request.force)
            if case .verificationFailed(let failures)? = blocking.first(where: { $0.code == "verification_failed" }) {
                report.target = wanted
                report.imagePath = named.candidate.path
                report.result = .error("verification failed")
                report.message =
                    "\(named.candidate.path) fails verification: \(failures.joined(separator: "; ")); it was not uploaded"
                return .stopped(report)
            }
            guard blocking.isEmpty else {
                return stopRefused(&report, .notEligible(wanted, path: named.candidate.path, reasons: blocking))
            }
            chosen = named
            if let newest = assessments.first(where: \.selected), let newestVersion = newest.version, newestVersion > wanted {
                report.checks.append("note: \(newestVersion) is newer and also eligible")
            }
        } else {
            guard let selected = assessments.first(where: \.selected) else {
                let newest = assessments.filter { ($0.version ?? running) > running || $0.version == nil }.prefix(4)
                    .map(skipped)
                return stopRefused(&report, .noCandidate(running: running, newest: Array(newest)))
            }
            chosen = selected
            report.skipped = assessments.filter { ($0.version ?? running) > (selected.version ?? running) }.map(skipped)
        }
        guard let image = chosen.candidate.image, let target = chosen.version else {
            return stop(.error("chosen image unreadable"), "the chosen image could not be read")
        }
        report.target = target
        report.imagePath = chosen.candidate.path
        if let verification = chosen.candidate.verification, verification.allPassed {
            report.checks.append(
                "\(chosen.candidate.path): checksum, signature, module hash valid; key \(verification.trustedKey?.name ?? "?") trusted"
            )
        } else {
            return stop(.error("not verified"), "\(chosen.candidate.path) was not verified; it was not uploaded")
        }
        report.checks.append(
            "compatible: CPUs \(status.cpuSignatures.map(\.hex).joined(separator: ", ")), P-SEAMLDR \(status.seamldrVersion.value.map(\.description) ?? "?")"
        )
        report.checks.append("TD-preserving: \(running) -> \(target)")

        switch status.remainingUpdates {
        case .value(0):
            return stopRefused(&report, .noRemainingUpdates)
        case .value(let count):
            report.checks.append("P-SEAMLDR can take \(count) more update\(count == 1 ? "" : "s")")
        case .failed(let error) where error.errno == .permissionDenied || error.errno == .operationNotPermitted:
            report.result = .error("permission denied")
            report.message = "cannot read \(error.path) (\(error.errno)): run as root"
            return .stopped(report)
        default:
            return stopRefused(&report, .remainingUpdatesUnknown(status.remainingUpdates.problem ?? "unreadable"))
        }

        switch status.offlineCPUs {
        case .some(let offline) where offline.isEmpty:
            report.checks.append("all \(status.cpusPresent.value?.count ?? 0) present CPUs online")
        case .some(let offline):
            return stopRefused(&report, .cpusOffline(offline))
        case .none:
            let problem = status.cpusOnline.problem ?? status.cpusPresent.problem ?? "unreadable"
            return stopRefused(&report, .cpusUnknown(problem))
        }

        let format = request.format ?? status.layout.uploadFormat
        let uploadImage: ModuleImage
        do {
            uploadImage = try ImageBuilder.convert(image, to: format)
        } catch {
            report.result = .error("conversion failed")
            report.message = "cannot convert \(chosen.candidate.path) to \(format.rawValue): \(error)"
            return .stopped(report)
        }
        guard uploadImage.verify(trusting: TrustPolicy(keys: chosen.candidate.verification?.trustedKey.map { [$0] } ?? []))
            .allPassed
        else {
            report.result = .error("conversion broke the image")
            report.message = "the \(format.rawValue) image built from \(chosen.candidate.path) does not verify; not uploaded"
            return .stopped(report)
        }
        if image.format != format {
            report.convertedFrom = image.format
            report.checks.append("converted \(image.format.rawValue) -> \(format.rawValue) (what this kernel takes)")
        }
        report.uploadFormat = format
        report.uploadBytes = uploadImage.bytes.count
        return .ready(report, uploadImage.bytes)
    }

    /// Classifies the upload's outcome by reading the module version back.
    func conclude(_ report: inout UpdateReport, outcome: UploadOutcome) {
        let after: AttributeReading<ModuleVersion> = .read(HostPaths.moduleVersion, from: files) { ModuleVersion($0) }
        report.versionAfter = after
        let before = describe(report.versionBefore)
        let target = describe(report.target)
        let lost = after.errno == .noDeviceOrAddress
        let fatalText =
            "the TDX module is gone (\(HostPaths.moduleVersion): ENXIO): every TD was lost; reboot to load the BIOS's module again"
        switch outcome {
        case .completed(let elapsed):
            if let version = after.value, version == report.target {
                report.result = .completed
                report.message = "updated TDX module \(before) -> \(version) in \(seconds(elapsed))"
            } else if lost {
                report.result = .failedFatal(fatalText)
                report.message = "the kernel reported success, but " + fatalText
            } else if let version = after.value, version == report.versionBefore {
                report.result = .failedHarmless("version unchanged")
                report.message = "the kernel reported success, but \(version) still runs (expected \(target)); TDs are untouched"
            } else {
                let text = "the kernel reported success, but the module version reads \(after.value.map(\.description) ?? after.problem ?? "?"), expected \(target)"
                report.result = .error(text)
                report.message = text
            }
        case .failed(let error, _):
            if lost {
                report.result = .failedFatal(fatalText)
                report.message = "update to \(target) failed (\(error)): " + fatalText
            } else if let version = after.value {
                report.result = .failedHarmless(error.text)
                report.message =
                    "update to \(target) failed (\(error)); \(version) still runs and TDs are untouched\(hint(for: error))"
            } else {
                let text = "update to \(target) failed (\(error)) and the module version cannot be read: \(after.problem ?? "?")"
                report.result = .error(text)
                report.message = text
            }
        case .timedOut(let lastStatus, let elapsed):
            let text =
                "the kernel did not finish within \(seconds(elapsed)) (status: \(lastStatus)); an update cannot be cancelled: watch \(report.hostBefore?.layout.firmwareDirectory ?? "")/status until idle, then run `tdxctl status`"
            report.result = .timedOut(text)
            report.message = text
        case .notStarted(let failure):
            switch failure {
            case .busy(let status):
                report.result = .refused(.uploadBusy(status))
                report.message = UpdateRefusal.uploadBusy(status).description
            case .interfaceMissing:
                report.result = .noTDX(failure.description)
                report.message = failure.description
            case .writeFailed(let error):
                let root = error.errno == .permissionDenied || error.errno == .operationNotPermitted ? " (run as root)" : ""
                report.result = .error(failure.description)
                report.message = "\(failure)\(root); nothing was installed, \(before) still runs"
            }
        case .lostTrack(let error, _):
            let state = lost ? fatalText : "module version now \(after.value.map(\.description) ?? after.problem ?? "?")"
            report.result = lost ? .failedFatal(fatalText) : .error("lost track of the upload: \(error)")
            report.message = "lost track of the upload (\(error)); \(state)"
        }
    }

    private func stopRefused(_ report: inout UpdateReport, _ refusal: UpdateRefusal) -> Preparation {
        report.result = .refused(refusal)
        report.message = refusal.description
        return .stopped(report)
    }

    private func skipped(_ assessment: ImageAssessment) -> SkippedImage {
        SkippedImage(
            version: assessment.version, path: assessment.candidate.path,
            reason: assessment.reasons.map(\.description).joined(separator: "; "))
    }

    private func hint(for error: UploadError) -> String {
        switch error.code {
        case .deviceBusy: return " (the kernel was busy: a CPU offline or a TD being built; retry later)"
        case .flashWearout: return " (no remaining updates: reboot to reset the count)"
        case .firmwareInvalid: return " (the kernel or P-SEAMLDR rejected the image before shutting the module down)"
        default: return ""
        }
    }

    private func describe(_ version: ModuleVersion?) -> String { version.map(\.description) ?? "?" }

    private func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        let millis = Int(whole) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        return "\(millis / 1000).\(String(format3(millis % 1000))) s"
    }

    private func format3(_ value: Int) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }
}
