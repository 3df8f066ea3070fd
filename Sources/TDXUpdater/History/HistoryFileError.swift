import SystemPackage
import SystemSupport

/// A system call on the journal (or its folder) that failed: which file, which call, and
/// the errno it returned, named as the kernel names it ("EACCES").
public struct HistoryFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call that failed.
    public enum Operation: String, Hashable, Sendable {
        /// mkdir(2) of a missing folder on the way to the journal.
        case createDirectory = "mkdir"
        /// open(2) of the journal or its folder.
        case open
        /// fstat(2), to find where the journal ends.
        case stat
        /// read(2) or pread(2).
        case read
        /// write(2) of a record.
        case write
        /// fsync(2) of the journal or its folder.
        case sync = "fsync"
        /// close(2).
        case close
    }

    /// The file or folder the call was made on.
    public let path: String
    /// The call.
    public let operation: Operation
    /// What it returned.
    public let errno: Errno

    /// An error of `operation` on `path`.
    public init(path: String, operation: Operation, errno: Errno) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    /// "/var/lib/tdxctl/history.jsonl: open: EACCES".
    public var description: String { "\(path): \(operation.rawValue): \(errno.name)" }
}
