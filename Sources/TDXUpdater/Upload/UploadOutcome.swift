import TDXSysfs

/// How an upload through the firmware-upload files ended, as far as those files tell.
/// Whether the module survived a failure is decided afterwards by reading its version.
public enum UploadOutcome: Hashable, Sendable {
    /// Status went back to idle with an empty `error`: the kernel took the image.
    case completed(elapsed: Duration)
    /// Status went back to idle and `error` names a failure.
    case failed(UploadFailure, elapsed: Duration)
    /// Status did not return to idle in time. The kernel may still be updating (an
    /// update cannot be cancelled): keep watching `status`.
    case timedOut(lastStatus: UploadStatus, elapsed: Duration)
    /// The wait was cancelled (the operator interrupted it) after the image was handed
    /// over. The kernel goes on with the update.
    case interrupted(lastStatus: UploadStatus, elapsed: Duration)
    /// Nothing was handed to the kernel: the module is untouched.
    case notStarted(UploadStartFailure)
    /// The upload started but its files could not be read while following it.
    case lostTrack(HostFileError, elapsed: Duration)
}

/// Why an upload never reached the kernel.
public enum UploadStartFailure: Hashable, Sendable, CustomStringConvertible {
    /// The firmware-upload directory (or one of its files) does not exist.
    case interfaceMissing(path: String)
    /// Another upload is in progress (status not idle, or EBUSY).
    case busy(status: UploadStatus)
    /// The `status` file could not be read, so nothing was written.
    case statusUnreadable(HostFileError)
    /// Writing `loading` or `data` failed; the load was aborted.
    case writeFailed(HostFileError)
    /// The operator interrupted before `loading=0`; what became of a begun load.
    case interrupted(LoadAbort)

    public var description: String {
        switch self {
        case .interfaceMissing(let path):
            return "\(path) does not exist: this kernel offers no TDX module update"
        case .busy(let status):
            return "another upload is in progress (status: \(status)); wait until status reads idle"
        case .statusUnreadable(let error):
            return "cannot read the upload status: \(error)"
        case .writeFailed(let error):
            return "could not hand the image to the kernel: \(error)"
        case .interrupted(let abort):
            return "interrupted before the image was handed over" + abort.clause
        }
    }
}

/// What became of a load that was begun (`loading=1`) and not finished.
public enum LoadAbort: Hashable, Sendable {
    /// No load was begun: nothing was written.
    case notNeeded
    /// `loading=-1` was written: the kernel dropped the partial image.
    case aborted
    /// Writing `loading=-1` failed: the load may still be open.
    case failed(HostFileError)

    /// "; the load was aborted (loading=-1)" and the like.
    var clause: String {
        switch self {
        case .notNeeded: return "; nothing was written"
        case .aborted: return "; the load was aborted (loading=-1)"
        case .failed(let error): return "; aborting the load failed (\(error)): write -1 to loading by hand"
        }
    }
}
