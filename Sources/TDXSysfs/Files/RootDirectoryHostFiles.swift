import Glibc
import SystemPackage
import SystemSupport

#if !os(Linux)
    #error("TDXSysfs reads a Linux host's /proc and /sys")
#endif

/// Host files under a real directory: `/` on the machine being updated, a served host's
/// mount point, or a folder that holds a copy of a host's `proc` and `sys`.
///
/// Every file is opened the way a kernel attribute can be trusted and nothing else:
/// `lstat` first (a FIFO, device, socket, directory or link is refused without being
/// opened, so nothing blocks and no device is touched), then
/// `open(O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)`, then `fstat` must show the same regular
/// file. A read takes at most what the kernel can produce (``HostPaths/readLimit(for:)``:
/// one page for a sysfs attribute). Every system call is retried after EINTR. Errors carry
/// the kernel's errno (ENXIO from `tdx_host/version` after a lost module, EBUSY from
/// `loading` during an upload). Writes never create files: a missing sysfs attribute is
/// ENOENT, as on a real host.
///
/// It does not bound time: a file on a stuck mount can still block a read. Wrap it in
/// ``DeadlineHostFiles`` for that.
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
        let descriptor = try openRegular(path, .readOnly, options: [])
        defer { try? descriptor.close() }
        let limit = HostPaths.readLimit(for: path)
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(limit + 1, 64 * 1024))
        while content.count <= limit {
            let wanted = min(chunk.count, limit + 1 - content.count)
            let result = chunk.withUnsafeMutableBytes { buffer in
                let target = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted])
                return Result { () throws(Errno) -> Int in
                    try SystemCall.retryingInterrupts { () throws(Errno) -> Int in
                        try SystemCall.typed { try descriptor.read(into: target, retryOnInterrupt: false) }
                    }
                }
            }
            let count: Int
            switch result {
            case .success(let read): count = read
            case .failure(let error): throw HostFileError(path: path, errno: error)
            }
            if count == 0 { return content }
            content.append(contentsOf: chunk[0..<count])
        }
        throw HostFileError(
            path: path, errno: .fileTooLarge,
            detail: "more than \(limit) bytes, more than the kernel writes there; not read further")
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        let descriptor = try openRegular(path, .writeOnly, options: [.truncate])
        do {
            _ = try SystemCall.typed { try descriptor.writeAll(bytes) }
        } catch {
            try? descriptor.close()
            throw HostFileError(path: path, errno: error)
        }
        // A sysfs store may report its error only when the file is closed.
        do {
            try SystemCall.typed { try descriptor.close() }
        } catch {
            throw HostFileError(path: path, errno: error)
        }
    }

    /// Whether something is at `path`; a link counts as itself, not as what it points to,
    /// so a dangling or looping link exists (and reading it fails with ELOOP, naming it).
    public func exists(_ path: String) -> Bool {
        (try? SystemCall.retryingInterrupts { () throws(Errno) -> Stat in
            try Stat(FilePath(resolve(path)), followTargetSymlink: false, retryOnInterrupt: false)
        }) != nil
    }

    public func list(_ directory: String) throws(HostFileError) -> [String] {
        guard let stream = opendir(resolve(directory)) else {
            throw HostFileError(path: directory, errno: SystemCall.lastErrno)
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

    /// A file this type would read or write: it exists and is a regular file (not a
    /// link, FIFO or device). Nothing is opened.
    public func checkFile(_ path: String) throws(HostFileError) {
        _ = try regularFileStatus(path)
    }

    /// `lstat`, refusing anything but a regular file.
    private func regularFileStatus(_ path: String) throws(HostFileError) -> Stat {
        let status: Stat
        do {
            status = try SystemCall.retryingInterrupts { () throws(Errno) -> Stat in
                try Stat(FilePath(resolve(path)), followTargetSymlink: false, retryOnInterrupt: false)
            }
        } catch {
            throw HostFileError(path: path, errno: error)
        }
        try Self.requireRegular(status.type, path: path)
        return status
    }

    /// Opens the regular file at `path` without following a link and without blocking,
    /// and checks that what was opened is the file `lstat` saw.
    private func openRegular(
        _ path: String, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions
    ) throws(HostFileError) -> FileDescriptor {
        let before = try regularFileStatus(path)
        let descriptor: FileDescriptor
        do {
            descriptor = try SystemCall.retryingInterrupts { () throws(Errno) -> FileDescriptor in
                try SystemCall.typed {
                    try FileDescriptor.open(
                        FilePath(resolve(path)), mode, options: options.union([.noFollow, .nonBlocking, .closeOnExec]),
                        retryOnInterrupt: false)
                }
            }
        } catch {
            throw HostFileError(path: path, errno: error)
        }
        do {
            let after = try SystemCall.retryingInterrupts { () throws(Errno) -> Stat in
                try Stat(descriptor, retryOnInterrupt: false)
            }
            try Self.requireRegular(after.type, path: path)
            guard after.deviceID == before.deviceID, after.inode == before.inode else {
                throw HostFileError(
                    path: path, errno: .resourceTemporarilyUnavailable, detail: "replaced while opening")
            }
        } catch let error as HostFileError {
            try? descriptor.close()
            throw error
        } catch {
            try? descriptor.close()
            throw HostFileError(path: path, errno: error as? Errno ?? .ioError)
        }
        return descriptor
    }

    /// A link is ELOOP (as `O_NOFOLLOW` reports it), a directory EISDIR, anything else
    /// that is not a regular file EINVAL; each names what was found.
    private static func requireRegular(_ type: FileType, path: String) throws(HostFileError) {
        switch type {
        case .regular: return
        case .symbolicLink:
            throw HostFileError(path: path, errno: .tooManySymbolicLinkLevels, detail: "a symbolic link, not followed")
        case .directory:
            throw HostFileError(path: path, errno: .isDirectory, detail: "a directory, not a regular file")
        default:
            throw HostFileError(
                path: path, errno: .invalidArgument, detail: "\(type.article), not a regular file; not opened")
        }
    }
}

extension FileType {
    /// "a FIFO", "a character device"...: what was found where a file was expected.
    fileprivate var article: String {
        switch self {
        case .fifo: return "a FIFO"
        case .socket: return "a socket"
        case .characterSpecial: return "a character device"
        case .blockSpecial: return "a block device"
        case .directory: return "a directory"
        case .symbolicLink: return "a symbolic link"
        case .regular: return "a regular file"
        default: return "a special file"
        }
    }
}
