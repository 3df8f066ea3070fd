import SystemPackage
import SystemSupport
import TDXImage
import TDXSysfs

/// What went wrong when `update` ended in an error (exit 1): neither a refusal by a check
/// nor an outcome of the kernel's update. Each has a stable code for JSON.
public enum UpdateError: Hashable, Sendable, CustomStringConvertible {
    /// The running module's version could not be read (other than ENXIO, a lost module).
    case versionUnreadable(String)
    /// A root-only attribute was refused and this process is not root.
    case permissionDenied(path: String)
    /// A root-only attribute was refused although this process is root: in Linux 7.2 a
    /// SEAMCALL that raised #UD reads EACCES; P-SEAMLDR could not be asked.
    case seamldrCallFailed(path: String, errno: Errno)
    /// The chosen image could not be read.
    case imageUnreadable(path: String)
    /// The chosen image could not be converted to the format the kernel takes.
    case conversionFailed(path: String, format: ImageFormat, detail: String)
    /// The converted image does not verify under the key that verified the original.
    case conversionUnverified(path: String, format: ImageFormat)
    /// Nothing could be handed to the kernel (`status` unreadable, a write failed).
    case uploadNotStarted(UploadStartFailure)
    /// The update lock (`/run/tdxctl.lock`) could not be created, opened or taken.
    case lockUnavailable(String)
    /// An upload another client left half done could not be aborted (`loading` = -1).
    case abandonedUploadNotAborted(directory: String, HostFileError)
    /// The upload files could not be read while following the upload; the module's
    /// version afterwards is in the message.
    case lostTrack(HostFileError)
    /// The kernel reported success but `version` reads neither the target nor the old version.
    case unexpectedVersion(String)
    /// The upload failed and the module's version cannot be read back (not ENXIO).
    case versionUnreadableAfterFailure(UploadFailure, problem: String)

    /// A stable snake_case identifier for JSON.
    public var code: String {
        switch self {
        case .versionUnreadable: return "version_unreadable"
        case .permissionDenied: return "permission_denied"
        case .seamldrCallFailed: return "seamldr_call_failed"
        case .imageUnreadable: return "image_unreadable"
        case .conversionFailed: return "conversion_failed"
        case .conversionUnverified: return "conversion_unverified"
        case .uploadNotStarted: return "upload_not_started"
        case .lockUnavailable: return "lock_unavailable"
        case .abandonedUploadNotAborted: return "abandoned_upload_not_aborted"
        case .lostTrack: return "lost_track"
        case .unexpectedVersion: return "unexpected_version"
        case .versionUnreadableAfterFailure: return "version_unreadable_after_failure"
        }
    }

    /// One of each, for documentation and tests.
    public static let examples: [UpdateError] = [
        .versionUnreadable(""), .permissionDenied(path: ""), .seamldrCallFailed(path: "", errno: .permissionDenied),
        .imageUnreadable(path: ""), .conversionFailed(path: "", format: .v2, detail: ""),
        .conversionUnverified(path: "", format: .v2), .uploadNotStarted(.interfaceMissing(path: "")),
        .lockUnavailable(""),
        .abandonedUploadNotAborted(directory: "", HostFileError(path: "", errno: .permissionDenied)),
        .lostTrack(HostFileError(path: "", errno: .ioError)), .unexpectedVersion(""),
        .versionUnreadableAfterFailure(UploadFailure(phase: .transferring, error: .firmwareInvalid), problem: ""),
    ]

    public var description: String {
        switch self {
        case .versionUnreadable(let problem):
            return "cannot read the running module's version: \(problem)"
        case .permissionDenied(let path):
            return "cannot read \(path) (EACCES): the P-SEAMLDR attributes are root-only; run as root"
        case .seamldrCallFailed(let path, let errno):
            return "cannot read \(path) (\(errno.name)) although running as root: the kernel's P-SEAMLDR call "
                + "failed (Linux 7.2 reports a SEAMCALL #UD as EACCES); check the kernel log"
        case .imageUnreadable(let path):
            return "\(path) could not be read"
        case .conversionFailed(let path, let format, let detail):
            return "cannot convert \(path) to \(format.rawValue): \(detail)"
        case .conversionUnverified(let path, let format):
            return "the \(format.rawValue) image built from \(path) does not verify; not uploaded"
        case .uploadNotStarted(let failure):
            return "\(failure)"
        case .lockUnavailable(let problem):
            return problem
        case .abandonedUploadNotAborted(let directory, let error):
            return "cannot abort the upload left half done in \(directory): \(error)"
        case .lostTrack(let error):
            return "lost track of the upload: \(error)"
        case .unexpectedVersion(let text):
            return "the kernel reported success, but the module version reads \(text)"
        case .versionUnreadableAfterFailure(let failure, let problem):
            return "the update failed (\(failure)) and the module version cannot be read: \(problem)"
        }
    }
}
