import TDXImage

/// How an `update` ended.
public enum UpdateResult: Hashable, Sendable {
    /// The new module runs: its version was read back and is the one installed.
    case completed
    /// Everything was checked and the upload prepared; nothing was uploaded (`--dry-run`).
    case dryRun
    /// Stopped before anything was handed to the kernel.
    case refused(UpdateRefusal)
    /// The kernel rejected the update and the old module still runs: TDs are untouched.
    case failedHarmless(String)
    /// The update failed after the old module was shut down: the module version is
    /// unreadable (ENXIO), the module and every TD are lost until reboot.
    case failedFatal(String)
    /// The kernel did not finish within the timeout; it may still be updating.
    case timedOut(String)
    /// This host has no TDX, or no module update support.
    case noTDX(String)
    /// Something else went wrong (an unreadable file, a failed verification, no permission).
    case error(String)

    /// A stable snake_case name for JSON.
    public var name: String {
        switch self {
        case .completed: return "completed"
        case .dryRun: return "dry_run"
        case .refused: return "refused"
        case .failedHarmless: return "failed_harmless"
        case .failedFatal: return "failed_fatal"
        case .timedOut: return "timed_out"
        case .noTDX: return "no_tdx"
        case .error: return "error"
        }
    }
}
