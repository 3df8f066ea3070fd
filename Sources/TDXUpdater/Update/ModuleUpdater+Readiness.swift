import TDXImage
import TDXSysfs

extension ModuleUpdater {
    /// The running module's version, when the host has TDX, a running module and update
    /// support.
    func requireUpdatableModule(_ status: HostStatus) throws(UpdateStop) -> ModuleVersion {
        if let explanation = status.noTDXExplanation { throw UpdateStop(.noTDX(explanation), explanation) }
        guard let running = status.moduleVersion.value else {
            let problem = status.moduleVersion.problem ?? "unreadable"
            throw UpdateStop(.error(problem), "cannot read the running module's version: \(problem)")
        }
        guard status.updateSupported else {
            let text =
                "this kernel offers no TDX module runtime update (\(HostPaths.firmwareClass)/"
                + "\(HostPaths.mainlineFirmwareName) does not exist: the CPU or P-SEAMLDR lacks update support, "
                + "or the kernel predates it)"
            throw UpdateStop(.noTDX(text), text)
        }
        return running
    }

    /// P-SEAMLDR must be able to take one more update: an exhausted count fails only after
    /// the old module is shut down, which loses every TD.
    func requireRemainingUpdates(_ status: HostStatus, into report: inout UpdateReport) throws(UpdateStop) {
        switch status.remainingUpdates {
        case .value(0):
            throw .refused(.noRemainingUpdates)
        case .value(let count):
            report.checks.append("P-SEAMLDR can take \(count) more update\(count == 1 ? "" : "s")")
        case .failed(let error) where error.errno == .permissionDenied || error.errno == .notPermitted:
            throw UpdateStop(.error("permission denied"), "cannot read \(error.path) (\(error.errno)): run as root")
        default:
            throw .refused(.remainingUpdatesUnknown(status.remainingUpdates.problem ?? "unreadable"))
        }
    }

    /// Every present CPU must be online: each one takes part in the update.
    func requireAllCPUsOnline(_ status: HostStatus, into report: inout UpdateReport) throws(UpdateStop) {
        switch status.offlineCPUs {
        case .some(let offline) where offline.isEmpty:
            report.checks.append("all \(status.cpusPresent.value?.count ?? 0) present CPUs online")
        case .some(let offline):
            throw .refused(.cpusOffline(offline))
        case .none:
            throw .refused(.cpusUnknown(status.cpusOnline.problem ?? status.cpusPresent.problem ?? "unreadable"))
        }
    }

    /// The chosen image, read again and proven the one listed (length and SHA-384), in
    /// `format`, verified again after conversion under the key that verified the original.
    func uploadBytes(
        of chosen: ImageAssessment, format: ImageFormat, into report: inout UpdateReport
    ) throws(UpdateStop) -> [UInt8] {
        let image: ModuleImage
        do {
            image = try chosen.candidate.reload()
        } catch {
            throw .refused(.imageChanged(error))
        }
        let converted: ModuleImage
        do {
            converted = try ImageBuilder.convert(image, to: format)
        } catch {
            throw UpdateStop(
                .error("conversion failed"), "cannot convert \(chosen.candidate.path) to \(format.rawValue): \(error)")
        }
        let trusted = TrustPolicy(keys: chosen.candidate.verification?.trustedKey.map { [$0] } ?? [])
        guard converted.verify(trusting: trusted).allPassed else {
            throw UpdateStop(
                .error("conversion broke the image"),
                "the \(format.rawValue) image built from \(chosen.candidate.path) does not verify; not uploaded")
        }
        if image.format != format {
            report.convertedFrom = image.format
            report.checks.append("converted \(image.format.rawValue) -> \(format.rawValue) (what this kernel takes)")
        }
        report.uploadFormat = format
        report.uploadBytes = converted.bytes.count
        return converted.bytes
    }
}
