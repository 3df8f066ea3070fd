#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    import Musl
    private let systemRead = Musl.read
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
    private let systemWrite = Darwin.write
#endif

/// Host files under a real directory: `/` on the machine being updated, or a folder that
/// holds a copy of a host's `proc` and `sys` (for tests and offline inspection).
///
/// Uses POSIX `open`/`read`/`write` so the caller sees the kernel's errno (ENXIO from
/// `tdx_host/version` after a lost module, EBUSY from `loading` during an upload).
/// Writes never create files: a missing sysfs attribute is ENOENT, as on a real host.
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
        let descriptor = open(resolve(path), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw lastError(path) }
        defer { close(descriptor) }
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw lastError(path)
            }
            if count == 0 { break }
            content.append(contentsOf: chunk[0..<count])
        }
        return content
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        let descriptor = open(resolve(path), O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw lastError(path) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                systemWrite(descriptor, $0.baseAddress! + written, $0.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let failure = lastError(path)
                close(descriptor)
                throw failure
            }
            if count == 0 {
                close(descriptor)
                throw HostFileError(
                    path: path, errno: .ioError, detail: "write accepted 0 of \(bytes.count - written) bytes")
            }
            written += count
        }
        if close(descriptor) != 0 { throw lastError(path) }
    }

    public func exists(_ path: String) -> Bool {
        access(resolve(path), F_OK) == 0
    }

    public func list(_ directory: String) throws(HostFileError) -> [String] {
        guard let stream = opendir(resolve(directory)) else { throw lastError(directory) }
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

    private func lastError(_ path: String) -> HostFileError {
        HostFileError(path: path, errno: HostErrno(rawValue: errno))
    }
}
