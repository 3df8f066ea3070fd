/// The one way to talk to a host's kernel: read, write and list files by absolute path
/// ("/sys/devices/faux/tdx_host/version").
///
/// A real machine implements it with its root directory (`RootDirectoryHostFiles`); the
/// simulated kernel (`HostSysfs` in TDXHost) implements it over its in-memory files.
/// Errors carry the errno a kernel returns (ENXIO for an unreadable module version, EBUSY
/// during an upload...), so a caller reacts to both alike and never knows whether the
/// kernel is real.
public protocol HostFiles: Sendable {
    /// The whole content of the file at `path`.
    func read(_ path: String) throws(HostFileError) -> [UInt8]
    /// Writes `bytes` as the new content of the existing file at `path` (a sysfs store).
    func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError)
    /// Whether something (file or directory) exists at `path`.
    func exists(_ path: String) -> Bool
    /// The names of the entries of the directory at `path`, sorted.
    func list(_ directory: String) throws(HostFileError) -> [String]
    /// Fails unless `path` is a file this implementation would read or write, without
    /// opening it (the upload files are checked this way before anything is written): a
    /// root directory requires a regular file; the default checks only that it exists.
    func checkFile(_ path: String) throws(HostFileError)
    /// The same files for a last short exchange after the command's deadline passed or the
    /// operator interrupted it (to abort an upload with `loading=-1`): a time-bounded
    /// implementation gives a fresh deadline of `grace`; the default is `self`.
    func withGrace(_ grace: Duration) -> any HostFiles
}

extension HostFiles {
    public func checkFile(_ path: String) throws(HostFileError) {
        guard exists(path) else { throw HostFileError(path: path, errno: .noSuchFileOrDirectory) }
    }

    public func withGrace(_ grace: Duration) -> any HostFiles { self }
}

extension HostFiles {
    /// The file's content as text with surrounding whitespace (sysfs's newline) removed.
    public func readText(_ path: String) throws(HostFileError) -> String {
        let bytes = try read(path)
        return String(String(decoding: bytes, as: UTF8.self).trimmingEdges())
    }

    /// Writes `text` (no newline added; sysfs stores accept "1" as `echo -n 1` writes it).
    public func writeText(_ path: String, _ text: String) throws(HostFileError) {
        try write(path, Array(text.utf8))
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set` (default: spaces, tabs,
    /// carriage returns and newlines), as the kernel's `sysfs_streq` and user space's
    /// readers ignore them.
    public func trimmingEdges(_ set: Set<Character> = [" ", "\t", "\r", "\n"]) -> Substring {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return text
    }
}
