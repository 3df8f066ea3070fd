import TDXSysfs

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
