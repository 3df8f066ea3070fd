import SystemPackage
import SystemSupport

/// Why a file the tool needed could not be read or written: always the path, and either
/// the system call with its errno or the rule the file broke (wrong kind, too large).
public struct FileAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The system call that failed.
    public enum Operation: String, Sendable, Hashable {
        case lstat, open, fstat, read, write, fsync, rename, unlink, realpath
        case listDirectory = "readdir"
    }

    /// What went wrong.
    public enum Problem: Sendable, Hashable {
        /// A system call failed with this errno.
        case system(Operation, Errno)
        /// The path is not a regular file (checked with `lstat` before opening, and with
        /// `fstat` after): a FIFO, a device or a link is never opened or followed.
        case notRegularFile(FileKind)
        /// The file is larger than anything of its role can legally be.
        case tooLarge(size: Int64, limit: Int, role: FileRole)
        /// The file changed between `lstat` and `open` (another file was put in its place).
        case replacedWhileOpening
    }

    /// The file.
    public let path: String
    /// What went wrong.
    public let problem: Problem

    /// An error for `path`.
    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The errno, when a system call failed.
    public var errno: Errno? {
        if case .system(_, let errno) = problem { return errno }
        return nil
    }

    /// "cannot open PATH: ELOOP (Too many levels of symbolic links)", "PATH is a FIFO, not a
    /// regular file; it was not opened", ...
    public var description: String {
        switch problem {
        case .system(let operation, let errno):
            return "cannot \(operation.rawValue) \(path): \(errnoText(errno))"
        case .notRegularFile(let kind):
            return "\(path) is \(kind), not a regular file; it was not opened"
        case .tooLarge(let size, let limit, let role):
            return "\(path) is \(size) bytes; \(role) is at most \(limit) bytes, so it was not read"
        case .replacedWhileOpening:
            return "\(path) was replaced while it was being opened; not read"
        }
    }
}

/// An errno in words: its name and the C library's text, "ENOENT (No such file or directory)".
func errnoText(_ errno: Errno) -> String {
    errno.nameAndText
}
