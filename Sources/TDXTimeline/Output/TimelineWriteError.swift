import SystemPackage
import SystemSupport

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
    /// The system call's error.
    public let errno: Errno

    public init(path: String, action: Action, errno: Errno) {
        self.path = path
        self.action = action
        self.errno = errno
    }

    public var description: String {
        let reason = errno.nameAndText
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
