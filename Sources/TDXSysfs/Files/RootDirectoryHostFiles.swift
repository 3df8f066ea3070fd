import Glibc
import SystemPackage

#if !os(Linux)
    #error("TDXSysfs reads a Linux host's /proc and /sys")
#endif

/// Host files under a real directory: `/` on the machine being updated, a served host's
/// mount point, or a folder that holds a copy of a host's `proc` and `sys`.
///
/// Reads and writes go through swift-system's `FileDescriptor`, so the caller sees the
/// kernel's errno (ENXIO from `tdx_host/version` after a lost module, EBUSY from
/// `loading` during an upload). Writes never create files: a missing sysfs attribute is
/// ENOENT, as on a real host.
public struct RootDirectoryHostFiles: HostFiles {
    /// The directory that stands for "/".
    public let root: String

    /// Host files rooted at `root` (default "/", the running machine).
    public init(root: String = "/") {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    /// The real path of host path `path` under `root`.
    public func resolve(_ path: String) -> String {
        let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if root == "/" { return "/" + relative }
        return relative.isEmpty ? root : root + "/" + relative
    }

    public func read(_ path: String) throws(HostFileError) -> [UInt8] {
        let descriptor = try open(path, .readOnly, truncate: false)
        defer { try? descriptor.close() }
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
            } catch {
                throw Self.failure(path, error)
            }
            if count == 0 { break }
            content.append(contentsOf: chunk[0..<count])
        }
        return content
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        let descriptor = try open(path, .writeOnly, truncate: true)
        do {
            _ = try descriptor.writeAll(bytes)
        } catch {
            try? descriptor.close()
            throw Self.failure(path, error)
        }
        // A sysfs store may report its error only when the file is closed.
        do { try descriptor.close() } catch { throw Self.failure(path, error) }
    }

    public func exists(_ path: String) -> Bool {
        access(resolve(path), F_OK) == 0
    }

    public func list(_ directory: String) throws(HostFileError) -> [String] {
        guard let stream = opendir(resolve(directory)) else {
            throw HostFileError(path: directory, errno: Errno(rawValue: Glibc.errno))
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    private func open(
        _ path: String, _ mode: FileDescriptor.AccessMode, truncate: Bool
    ) throws(HostFileError) -> FileDescriptor {
        do {
            return try FileDescriptor.open(
                FilePath(resolve(path)), mode, options: truncate ? [.truncate, .closeOnExec] : [.closeOnExec])
        } catch {
            throw Self.failure(path, error)
        }
    }

    private static func failure(_ path: String, _ error: any Error) -> HostFileError {
        HostFileError(path: path, errno: (error as? Errno) ?? .ioError, detail: error is Errno ? "" : "\(error)")
    }
}
