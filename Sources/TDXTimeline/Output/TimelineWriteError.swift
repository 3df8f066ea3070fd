import Glibc

/// Why the timeline picture could not be written: the file, what was being done, and the
/// errno by its name ("ENOENT") with the C library's words for it.
public struct TimelineWriteError: Error, Sendable, CustomStringConvertible {
    /// What was being done, and to which file.
    public enum Action: Sendable {
        /// Creating the temporary file (or the target, when it is a folder).
        case create(String)
        /// Writing or flushing the temporary file.
        case write(String)
        /// Renaming the temporary file over the target.
        case rename(String)
    }

    /// The picture's path as given.
    public let path: String
    /// What failed.
    public let action: Action
    /// The errno.
    public let code: Int32

    /// The errno's symbolic name, for the errors creating, writing and renaming a file give.
    public var errnoName: String {
        switch code {
        case EPERM: "EPERM"
        case ENOENT: "ENOENT"
        case EIO: "EIO"
        case EACCES: "EACCES"
        case EEXIST: "EEXIST"
        case EXDEV: "EXDEV"
        case ENOTDIR: "ENOTDIR"
        case EISDIR: "EISDIR"
        case EINVAL: "EINVAL"
        case EFBIG: "EFBIG"
        case ENOSPC: "ENOSPC"
        case EROFS: "EROFS"
        case ENAMETOOLONG: "ENAMETOOLONG"
        case ELOOP: "ELOOP"
        case EDQUOT: "EDQUOT"
        default: "errno \(code)"
        }
    }

    public var description: String {
        let reason = "\(errnoName) (\(String(cString: strerror(code))))"
        switch action {
        case .create(let file) where file == path:
            return "cannot write the timeline to \(path): \(reason)"
        case .create(let file):
            return "cannot write the timeline to \(path): creating \(file): \(reason)"
        case .write(let file):
            return "cannot write the timeline to \(path): writing \(file): \(reason)"
        case .rename(let file):
            return "cannot write the timeline to \(path): renaming \(file) to it: \(reason)"
        }
    }
}
