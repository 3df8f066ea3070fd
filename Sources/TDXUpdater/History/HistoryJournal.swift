import TDXSysfs

/// The update history: a JSON-lines file, one ``HistoryRecord`` per line, appended by
/// `tdxctl update` and read by `tdxctl history` and `tdxctl status --format prometheus`.
///
/// Appends are crash-safe: each record is one `write(2)` of a whole line to a file opened
/// with `O_APPEND`, then `fsync(2)`; a new journal's folder is synced too, so the file's
/// name survives a crash. A crash can still leave the last line torn; reading reports and
/// skips such a line and keeps every record around it, and the next append starts on a
/// fresh line.
public struct HistoryJournal: Sendable, Equatable {
    /// Where the journal lives on a host: `/var/lib/tdxctl/history.jsonl`.
    public static let defaultDirectory = "/var/lib/tdxctl"
    /// The journal's file name.
    public static let fileName = "history.jsonl"

    /// The journal's path on this machine.
    public let path: String

    /// The journal at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The journal of the host at `root` (`root/var/lib/tdxctl/history.jsonl`), or the one
    /// in `stateDirectory` (a path on this machine, not under `root`) when given.
    public init(root: String, stateDirectory: String? = nil) {
        if let stateDirectory {
            path = Self.join(stateDirectory, Self.fileName)
        } else {
            path = RootDirectoryHostFiles(root: root).resolve(Self.defaultDirectory + "/" + Self.fileName)
        }
    }

    /// The folder holding the journal.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
