/// The exit statuses of every `tdxctl` command, one table for `update`, `simulate` and
/// the rest, so scripts and fleet tools tell outcomes apart without parsing text.
public enum ExitStatus: Int32, Sendable, CaseIterable, CustomStringConvertible {
    /// Success (for `update`/`simulate`: the update completed, or the dry run passed).
    case success = 0
    /// An error: unreadable input, an I/O failure, a check that failed.
    case error = 1
    /// Refused before anything was handed to the kernel; nothing changed.
    case refused = 10
    /// The update failed harmlessly: the old module still runs, TDs untouched.
    case failedHarmless = 11
    /// The update failed fatally: the module is gone and every TD with it.
    case failedFatal = 12
    /// The update failed, then the previous image was re-installed and the TDs kept.
    case recovered = 13
    /// The kernel did not finish in time, or the wait was interrupted, after the image was
    /// handed over: the update may still be running.
    case timedOut = 14
    /// The kernel reported success but its cached `version` still reads the old version.
    case versionStale = 15
    /// This machine has no TDX, or its kernel no module update support.
    case noTDX = 20
    /// Bad arguments (swift-argument-parser's usage error).
    case usage = 64

    /// The snake_case name used in documentation and JSON.
    public var name: String {
        switch self {
        case .success: return "success"
        case .error: return "error"
        case .refused: return "refused"
        case .failedHarmless: return "failed_harmless"
        case .failedFatal: return "failed_fatal"
        case .recovered: return "recovered"
        case .timedOut: return "timed_out"
        case .versionStale: return "version_stale"
        case .noTDX: return "no_tdx"
        case .usage: return "usage"
        }
    }

    /// The status an update that ended with `result` exits with.
    public init(_ result: UpdateResult) {
        switch result {
        case .completed, .dryRun: self = .success
        case .completedVersionStale: self = .versionStale
        case .refused: self = .refused
        case .failedHarmless: self = .failedHarmless
        case .failedFatal: self = .failedFatal
        case .timedOut, .interrupted: self = .timedOut
        case .noTDX: self = .noTDX
        case .error: self = .error
        }
    }

    public var description: String { "\(rawValue) (\(name))" }
}
