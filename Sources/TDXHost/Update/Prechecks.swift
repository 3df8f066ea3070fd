import TDXImage

/// The checks of docs/HOST.md, "The update", run while nothing is stopped, in the order an
/// operator would fix them: the image itself, this machine, the P-SEAMLDR, versions, the
/// handoff, then the host's current activity. The first failure refuses the update.
enum Prechecks {
    static func check(_ input: PrecheckInput) -> PrecheckFailure? {
        let image = input.image
        let report = image.verification
        if let failed = report.failedChecks.first(where: { $0 != .trust }) {
            return .imageInvalid(reason: "\(failed.rawValue) check failed")
        }
        if !report.trusted { return .untrustedKey(fingerprint: report.keyFingerprint.hex) }
        let sigstruct = image.image.sigstruct
        if !sigstruct.supports(cpuid: input.cpuidEAX) {
            return .cpuNotListed(cpuidEAX: input.cpuidEAX, listed: sigstruct.cpuidTable)
        }
        guard input.moduleInitialized else { return .moduleNotRunning }
        let seamldr: SeamldrStatusInfo
        switch input.seamldr {
        case .failure(let failure): return failure
        case .success(let info): seamldr = info
        }
        if let minimum = input.minimumSeamldrVersion, seamldr.version < minimum {
            return .seamldrIncompatible(
                seamldrVersion: seamldr.version.description,
                reason: "the image needs P-SEAMLDR \(minimum) or newer")
        }
        if seamldr.remainingUpdates == 0 { return .noRemainingUpdates }
        let running = input.runningVersion
        if running.major != image.version.major || running.minor != image.version.minor {
            return .differentMajorMinor(running: running.description, image: image.version.description)
        }
        if image.version < running {
            return .olderVersion(running: running.description, image: image.version.description)
        }
        if input.runningModuleHV < image.minUpdateHV || input.runningModuleHV > image.moduleHV {
            return .handoffIncompatible(
                runningModuleHV: input.runningModuleHV, imageMinUpdateHV: image.minUpdateHV,
                imageModuleHV: image.moduleHV)
        }
        if !input.offlineCPUs.isEmpty { return .cpusOffline(input.offlineCPUs.sorted()) }
        if !input.tdsInBuild.isEmpty { return .tdBuildInProgress(tdIDs: input.tdsInBuild.sorted()) }
        return nil
    }
}
