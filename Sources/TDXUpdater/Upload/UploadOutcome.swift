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
