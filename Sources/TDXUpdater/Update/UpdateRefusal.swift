import SystemSupport
import TDXImage
import TDXSysfs

/// Why `update` stopped before handing anything to the kernel. Nothing on the host was
/// changed; each message says what to do next.
public enum UpdateRefusal: Hashable, Sendable, CustomStringConvertible {
    /// No image is eligible; `newest` lists the newest few images with their reasons.
    case noCandidate(running: ModuleVersion, newest: [SkippedImage])
    /// No image of the requested version was found.
    case versionNotFound(ModuleVersion, available: [ModuleVersion])
    /// The requested image may not be installed on this host.
    case notEligible(ModuleVersion, path: String, reasons: [NotSelectableReason])
    /// P-SEAMLDR can take no more updates until a reboot.
    case noRemainingUpdates
    /// The remaining-updates count could not be read, so the update could fail after the
    /// old module is shut down.
    case remainingUpdatesUnknown(String)
    /// Some present CPUs are offline; every CPU must take part in an update.
    case cpusOffline([Int])
    /// Which CPUs are online could not be established.
    case cpusUnknown(String)
    /// Another upload is in progress.
    case uploadBusy(UploadStatus)
    /// Another `tdxctl update` held the update lock for the whole wait (its pid, when it
    /// wrote one).
    case lockHeld(path: String, pid: Int32?)
    /// The host read differently just before `loading=1` than during the checks (the
    /// paths that changed): the checks no longer hold.
    case hostChanged([String])
    /// A firmware-upload file is missing or not usable (a FIFO, a link, unreadable).
    case uploadInterfaceIncomplete(HostFileError)
    /// The CPU lists contradict each other or are empty.
    case cpusInconsistent(String)
    /// The operator interrupted (SIGINT/SIGTERM, when known) before the image was handed
    /// over; `abort` tells what became of a begun load.
    case interrupted(signal: Int32?, abort: LoadAbort)
    /// The chosen image, read again before the upload, is not the one listed and verified.
    case imageChanged(ImageReloadError)

    /// One of each, for documentation and tests.
    public static let examples: [UpdateRefusal] = {
        let version = ModuleVersion(major: 1, minor: 5, update: 6)
        return [
            .noCandidate(running: version, newest: []), .versionNotFound(version, available: []),
            .notEligible(version, path: "", reasons: []), .noRemainingUpdates, .remainingUpdatesUnknown(""),
            .cpusOffline([]), .cpusUnknown(""), .uploadBusy(.transferring), .imageChanged(.notLoaded(path: "")),
        ]
    }()

    /// A stable snake_case identifier for JSON.
    public var code: String {
        switch self {
        case .noCandidate: return "no_candidate"
        case .versionNotFound: return "version_not_found"
        case .notEligible: return "not_eligible"
        case .noRemainingUpdates: return "no_remaining_updates"
        case .remainingUpdatesUnknown: return "remaining_updates_unknown"
        case .cpusOffline: return "cpus_offline"
        case .cpusUnknown: return "cpus_unknown"
        case .uploadBusy: return "upload_busy"
        case .lockHeld: return "lock_held"
        case .hostChanged: return "host_changed"
        case .uploadInterfaceIncomplete: return "upload_interface_incomplete"
        case .cpusInconsistent: return "cpus_inconsistent"
        case .interrupted: return "interrupted"
        case .imageChanged: return "image_changed"
        }
    }

    public var description: String {
        switch self {
        case .noCandidate(let running, let newest):
            var text = "no newer TDX module to install over the running \(running)"
            if !newest.isEmpty {
                text +=
                    "; newest images not chosen: "
                    + newest.map { "\($0.version.map(\.description) ?? $0.path): \($0.reason)" }.joined(separator: "; ")
            }
            return text
        case .versionNotFound(let version, let available):
            return "no image of version \(version) found (available: "
                + (available.isEmpty ? "none" : available.map(\.description).joined(separator: ", "))
                + "); `tdxctl list` shows every image and why it is or is not usable"
        case .notEligible(let version, let path, let reasons):
            return "will not install \(version) (\(path)): " + reasons.map(\.description).joined(separator: "; ")
        case .noRemainingUpdates:
            return
                "P-SEAMLDR has no remaining updates (num_remaining_updates is 0): the update would fail after the old module is shut down and lose every TD; reboot to reset the count"
        case .remainingUpdatesUnknown(let problem):
            return
                "cannot confirm that P-SEAMLDR can take another update (\(problem)); an exhausted count fails after shutdown and loses every TD"
        case .cpusOffline(let cpus):
            return
                "CPUs \(CPUList.format(cpus)) are present but offline; every CPU must take part in an update: bring them online (echo 1 > /sys/devices/system/cpu/cpuN/online) and retry"
        case .cpusUnknown(let problem):
            return "cannot confirm that every present CPU is online (\(problem))"
        case .uploadBusy(let status):
            return "another firmware upload is in progress (status: \(status)); wait until it reads idle"
        case .lockHeld(let path, let pid):
            return "another update is running: \(pid.map { "process \($0)" } ?? "another process") holds \(path) "
                + "and did not release it within the timeout; nothing was written: wait for it to finish, then retry"
        case .hostChanged(let paths):
            return "the host changed between the checks and the upload (\(paths.joined(separator: ", "))); "
                + "nothing was written: run the update again"
        case .uploadInterfaceIncomplete(let error):
            return "the firmware-upload interface is incomplete (\(error)); nothing was written"
        case .cpusInconsistent(let problem):
            return "the CPU lists are inconsistent (\(problem)); every CPU must take part in an update, "
                + "so nothing was written"
        case .interrupted(let signal, let abort):
            let by = signal.map { " (\(SignalPipe.name(of: $0)))" } ?? ""
            return "interrupted\(by) before the image was handed over\(abort.clause); nothing was installed and "
                + "the running module is unchanged"
        case .imageChanged(let error):
            return error.description
        }
    }
}
