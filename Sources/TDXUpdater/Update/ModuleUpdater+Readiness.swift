import TDXImage
import TDXSysfs

extension ModuleUpdater {
    /// The running module's version, when the host has TDX, a running module and update
    /// support.
    func requireUpdatableModule(_ status: HostStatus) throws(UpdateStop) -> ModuleVersion {
        if let reason = status.noTDXReason { throw .noTDX(reason) }
        guard let running = status.moduleVersion.value else {
            throw .error(.versionUnreadable(status.moduleVersion.problem ?? "unreadable"))
        }
        guard status.updateSupported else { throw .noTDX(.noUpdateSupport) }
        return running
    }

    /// P-SEAMLDR must be able to take one more update: an exhausted count fails only after
    /// the old module is shut down, which loses every TD.
    func requireRemainingUpdates(_ status: HostStatus, into report: inout UpdateReport) throws(UpdateStop) {
        switch status.remainingUpdates {
        case .value(0):
            throw .refused(.noRemainingUpdates)
        case .value(let count):
            report.checks.append(
                UpdateCheck(.remainingUpdates, "P-SEAMLDR can take \(count) more update\(count == 1 ? "" : "s")"))
        case .failed(let error) where error.errno.isPermissionError:
            // Linux 7.2 also answers EACCES when the SEAMCALL raised #UD: "run as root"
            // is the advice only for a process that is not root.
            throw .error(
                effectiveUserID == 0
                    ? .seamldrCallFailed(path: error.path, errno: error.errno) : .permissionDenied(path: error.path))
        default:
            throw .refused(.remainingUpdatesUnknown(status.remainingUpdates.problem ?? "unreadable"))
        }
    }

    /// Every present CPU must be online: each one takes part in the update.
    func requireAllCPUsOnline(_ status: HostStatus, into report: inout UpdateReport) throws(UpdateStop) {
        if let problem = status.cpuListProblem { throw .refused(.cpusInconsistent(problem)) }
        switch status.offlineCPUs {
        case .some(let offline) where offline.isEmpty:
            report.checks.append(
                UpdateCheck(.cpusOnline, "all \(status.cpusPresent.value?.count ?? 0) present CPUs online"))
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
            throw .error(.conversionFailed(path: chosen.candidate.path, format: format, detail: "\(error)"))
        }
        let trusted = TrustPolicy(keys: chosen.candidate.verification?.trustedKey.map { [$0] } ?? [])
        guard converted.verify(trusting: trusted).allPassed else {
            throw .error(.conversionUnverified(path: chosen.candidate.path, format: format))
        }
        if image.format != format {
            report.convertedFrom = image.format
            report.checks.append(
                UpdateCheck(
                    .converted, "converted \(image.format.rawValue) -> \(format.rawValue) (what this kernel takes)"))
        }
        report.uploadFormat = format
        report.uploadBytes = converted.bytes.count
        return converted.bytes
    }
}
