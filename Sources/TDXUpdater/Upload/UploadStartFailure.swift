import TDXSysfs

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
