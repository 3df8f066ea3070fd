import TDXImage
import TDXSysfs

/// How an `update` ended: one value for `tdxctl update` on any host and for the
/// operator's side of `tdxctl simulate`; ``ExitStatus`` maps it to the exit code.
public enum UpdateResult: Hashable, Sendable {
    /// The new module runs: its version was read back and is the one installed.
    case completed
    /// The kernel reported success (`error` empty, status back to idle) but `version`
    /// still reads the old version: Linux 7.2 keeps its cached version when re-reading it
    /// after the update fails. The update most likely succeeded.
    case completedVersionStale(reads: ModuleVersion)
    /// Everything was checked and the upload prepared; nothing was uploaded (`--dry-run`).
    case dryRun
    /// Stopped before anything was handed to the kernel.
    case refused(UpdateRefusal)
    /// The kernel rejected the update and the old module still runs: TDs are untouched.
    case failedHarmless(UploadFailure)
    /// The update failed after the old module was shut down: the module version is
    /// unreadable (ENXIO), the module and every TD are lost until reboot. Carries the
    /// kernel's `error` when it reported one.
    case failedFatal(UploadFailure?)
    /// The kernel did not finish within the timeout; it may still be updating.
    case timedOut(lastStatus: UploadStatus)
    /// The wait was interrupted after the image was handed over; the kernel goes on.
    case interrupted(lastStatus: UploadStatus)
    /// This host has no TDX, or no module update support.
    case noTDX(NoTDXReason)
    /// Something else went wrong.
    case error(UpdateError)

    /// A stable snake_case name for JSON.
    public var name: String {
        switch self {
        case .completed: return "completed"
        case .completedVersionStale: return "completed_version_stale"
        case .dryRun: return "dry_run"
        case .refused: return "refused"
        case .failedHarmless: return "failed_harmless"
        case .failedFatal: return "failed_fatal"
        case .timedOut: return "timed_out"
        case .interrupted: return "interrupted"
        case .noTDX: return "no_tdx"
        case .error: return "error"
        }
    }

    /// The code of the refusal, the missing-TDX reason or the error; nil for the others.
    public var reasonCode: String? {
        switch self {
        case .refused(let refusal): return refusal.code
        case .noTDX(let reason): return reason.code
        case .error(let error): return error.code
        default: return nil
        }
    }

    /// One of each, for documentation and tests.
    public static let examples: [UpdateResult] = [
        .completed, .completedVersionStale(reads: ModuleVersion(major: 1, minor: 5, update: 6)), .dryRun,
        .refused(.noRemainingUpdates), .failedHarmless(UploadFailure(phase: .transferring, error: .firmwareInvalid)),
        .failedFatal(nil), .timedOut(lastStatus: .transferring), .interrupted(lastStatus: .transferring),
        .noTDX(.moduleLost), .refused(.interrupted(signal: 2, abort: .aborted)), .error(.lockUnavailable("")),
    ]
}
