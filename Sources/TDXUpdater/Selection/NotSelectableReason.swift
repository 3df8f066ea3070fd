import TDXImage
import TDXSysfs

/// Why `update` would not pick an image on its own. Each reason has a stable `code` for
/// JSON and a message that says what is wrong and, where there is one, what to do.
public enum NotSelectableReason: Hashable, Sendable, CustomStringConvertible {
    /// The image could not be read or parsed.
    case unreadable(String)
    /// One or more verification checks failed.
    case verificationFailed([String])
    /// The image's version label contradicts its signed SVN and build date (its name or
    /// sigstruct, Intel's published releases, or the other images of the folder).
    case versionClaimContradicted(VersionClaimConflict)
    /// Signed with a lower SVN than the running module (a published release): P-SEAMLDR
    /// refuses a downgrade, and a lower SVN can mean a known-vulnerable module.
    case downgrade(running: PublishedRelease, svn: UInt16)
    /// `mapping_file.json` has no entry for the image's version.
    case noReleaseMetadata(ModuleVersion)
    /// Some of the host's CPUs (their signatures as read, stepping included) are not in
    /// the image's CPUID table (compared with stepping cleared).
    case cpuNotSupported(unsupported: [CPUIDSignature], supported: [CPUIDSignature])
    /// The host's CPUs could not be read.
    case cpusUnknown(String)
    /// The host's P-SEAMLDR is not one the release accepts.
    case seamldrIncompatible(loader: ModuleVersion, accepted: [ModuleVersion])
    /// The host's P-SEAMLDR version could not be read.
    case seamldrUnknown(String)
    /// The running module's version could not be read.
    case runningVersionUnknown(String)
    /// Different major.minor from the running module: only a reboot can change series.
    case differentSeries(running: ModuleVersion)
    /// Older than the running module: P-SEAMLDR only moves forward.
    case olderThanRunning(running: ModuleVersion)
    /// The running module is older than the release's minimum for a TD-preserving update.
    case runningBelowMinimum(running: ModuleVersion, minimum: ModuleVersion)
    /// The image is the running version; reinstalling would spend an update for nothing.
    case sameAsRunning
    /// A debug module, and `--allow-debug` was not given.
    case debugNotAllowed
    /// A newer selectable image of the same version was preferred, or the same version
    /// was found in another format.
    case duplicateOf(path: String)

    /// One of each, for documentation and tests (but `versionClaimContradicted` and
    /// `downgrade`, whose values need a catalog to build).
    public static let examples: [NotSelectableReason] = {
        let version = ModuleVersion(major: 1, minor: 5, update: 6)
        return [
            .unreadable(""), .verificationFailed([]), .noReleaseMetadata(version),
            .cpuNotSupported(unsupported: [], supported: []), .cpusUnknown(""),
            .seamldrIncompatible(loader: version, accepted: []), .seamldrUnknown(""), .runningVersionUnknown(""),
            .differentSeries(running: version), .olderThanRunning(running: version),
            .runningBelowMinimum(running: version, minimum: version), .sameAsRunning, .debugNotAllowed,
            .duplicateOf(path: ""),
        ]
    }()

    /// A stable snake_case identifier.
    public var code: String {
        switch self {
        case .unreadable: return "unreadable"
        case .verificationFailed: return "verification_failed"
        case .versionClaimContradicted: return "version_claim_contradicted"
        case .downgrade: return "downgrade"
        case .noReleaseMetadata: return "no_release_metadata"
        case .cpuNotSupported: return "cpu_not_supported"
        case .cpusUnknown: return "cpus_unknown"
        case .seamldrIncompatible: return "seamldr_incompatible"
        case .seamldrUnknown: return "seamldr_unknown"
        case .runningVersionUnknown: return "running_version_unknown"
        case .differentSeries: return "different_series"
        case .olderThanRunning: return "older_than_running"
        case .runningBelowMinimum: return "running_below_minimum"
        case .sameAsRunning: return "same_as_running"
        case .debugNotAllowed: return "debug_not_allowed"
        case .duplicateOf: return "duplicate"
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let problem):
            return "unreadable: \(problem)"
        case .verificationFailed(let failures):
            return "fails verification: " + failures.joined(separator: "; ")
        case .versionClaimContradicted(let conflict):
            return "version label contradicted: \(conflict)"
        case .downgrade(let running, let svn):
            return "signed SVN \(svnText(svn)), below SVN \(svnText(running.svn)) of the running \(running.version) "
                + "(Intel's release of \(running.buildDate)): a downgrade, refused"
        case .noReleaseMetadata(let version):
            return
                "no release metadata for \(version) in mapping_file.json (P-SEAMLDR and TD-preserving rules unknown; give one with --mapping)"
        case .cpuNotSupported(let unsupported, let supported):
            return "CPU \(unsupported.map(\.hex).joined(separator: ", ")) not supported (image supports "
                + (supported.isEmpty ? "none" : supported.map(\.hex).joined(separator: ", ")) + ")"
        case .cpusUnknown(let problem):
            return "host CPUs unknown: \(problem)"
        case .seamldrIncompatible(let loader, let accepted):
            return "P-SEAMLDR \(loader) not accepted (needs one of: "
                + accepted.map { "\($0.series).x >= \($0)" }.joined(separator: ", ") + ")"
        case .seamldrUnknown(let problem):
            return "P-SEAMLDR version unknown: \(problem)"
        case .runningVersionUnknown(let problem):
            return "running module version unknown: \(problem)"
        case .differentSeries(let running):
            return
                "different series from the running \(running) (only same major.minor updates keep TDs; this one needs a reboot)"
        case .olderThanRunning(let running):
            return "older than the running \(running) (downgrades are not possible at runtime)"
        case .runningBelowMinimum(let running, let minimum):
            return "running \(running) is older than \(minimum), the oldest this release can replace without losing TDs"
        case .sameAsRunning:
            return "already running (a reinstall spends one of the remaining updates; use --force to do it anyway)"
        case .debugNotAllowed:
            return "debug module (use --allow-debug to consider it)"
        case .duplicateOf(let path):
            return "same version as \(path), which is preferred"
        }
    }
}
