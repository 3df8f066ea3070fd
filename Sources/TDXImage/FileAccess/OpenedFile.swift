import SystemPackage

/// A regular file opened for reading the safe way: `lstat` first (a FIFO, device, socket
/// or link is never opened), then `open(O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)`,
/// then `fstat` must show the same regular file, no larger than its role allows.
///
/// `O_NONBLOCK` means that even a FIFO slipped in between `lstat` and `open` cannot block
/// the open; `O_NOFOLLOW` that a link slipped in fails with `ELOOP`.
final class OpenedFile {
    let path: String
    let descriptor: FileDescriptor
    /// The size `fstat` reported.
    let size: Int64
    let role: FileRole

    /// Opens `path` for `role`.
    /// - Throws: ``FileAccessError`` naming the path and the call or rule that failed.
    init(path: String, role: FileRole) throws(FileAccessError) {
        let filePath = FilePath(path)
        let before: Stat
        do {
            before = try SystemCall.retryingInterrupts { () throws(Errno) -> Stat in
                try Stat(filePath, followTargetSymlink: false, retryOnInterrupt: false)
            }
        } catch {
            throw FileAccessError(path: path, problem: .system(.lstat, error))
        }
        try Self.requireRegular(before, path: path, role: role)
        let descriptor: FileDescriptor
        do {
            descriptor = try SystemCall.retryingInterrupts { () throws(Errno) -> FileDescriptor in
                try asErrno {
                    try FileDescriptor.open(
                        filePath, .readOnly, options: [.noFollow, .nonBlocking, .closeOnExec],
                        retryOnInterrupt: false)
                }
            }
        } catch {
            throw FileAccessError(path: path, problem: .system(.open, error))
        }
        let after: Stat
        do {
            after = try SystemCall.retryingInterrupts { () throws(Errno) -> Stat in
                try Stat(descriptor, retryOnInterrupt: false)
            }
            try Self.requireRegular(after, path: path, role: role)
            guard after.deviceID == before.deviceID, after.inode == before.inode else {
                throw FileAccessError(path: path, problem: .replacedWhileOpening)
            }
        } catch let error as FileAccessError {
            try? descriptor.close()
            throw error
        } catch {
            try? descriptor.close()
            throw FileAccessError(path: path, problem: .system(.fstat, error as? Errno ?? .ioError))
        }
        self.path = path
        self.descriptor = descriptor
        self.size = after.size
        self.role = role
    }

    deinit { try? descriptor.close() }

    /// Reads the whole file, at most `role.maximumSize` bytes: a file that grows past its
    /// limit while being read is refused, not truncated.
    func readAll() throws(FileAccessError) -> [UInt8] {
        let limit = role.maximumSize
        var bytes: [UInt8] = []
        // One byte more than fstat's size, so growth (or a size of 0, as /proc files report)
        // shows as a short last read or not.
        var capacity = Int(min(Int64(limit), max(size, 0))) + 1
        while true {
            let start = bytes.count
            bytes.reserveCapacity(capacity)
            let count = try readChunk(into: &bytes, upTo: capacity - start)
            if count == 0 { return bytes }
            if bytes.count > limit {
                throw FileAccessError(
                    path: path, problem: .tooLarge(size: Int64(bytes.count), limit: limit, role: role))
            }
            if bytes.count == capacity { capacity = min(limit + 1, capacity * 2) }
        }
    }

    /// Reads at most `count` bytes from the start (fewer at the end of the file).
    func readPrefix(_ count: Int) throws(FileAccessError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            if try readChunk(into: &bytes, upTo: count - bytes.count) == 0 { break }
        }
        return bytes
    }

    /// One `read` of up to `maximum` bytes appended to `bytes`; 0 at the end of the file.
    private func readChunk(into bytes: inout [UInt8], upTo maximum: Int) throws(FileAccessError) -> Int {
        let start = bytes.count
        var failure: Errno?
        bytes.append(contentsOf: repeatElement(0, count: maximum))
        let count = bytes.withUnsafeMutableBytes { buffer -> Int in
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[start..<(start + maximum)])
            let result = Result { () throws(Errno) -> Int in
                try SystemCall.retryingInterrupts { () throws(Errno) -> Int in
                    try asErrno { try descriptor.read(into: target, retryOnInterrupt: false) }
                }
            }
            switch result {
            case .success(let count): return count
            case .failure(let error):
                failure = error
                return 0
            }
        }
        bytes.removeLast(maximum - count)
        if let failure { throw FileAccessError(path: path, problem: .system(.read, failure)) }
        return count
    }

    private static func requireRegular(_ stat: Stat, path: String, role: FileRole) throws(FileAccessError) {
        let kind = FileKind(stat.type)
        guard kind == .regular else { throw FileAccessError(path: path, problem: .notRegularFile(kind)) }
        guard stat.size <= Int64(role.maximumSize) else {
            throw FileAccessError(
                path: path, problem: .tooLarge(size: stat.size, limit: role.maximumSize, role: role))
        }
    }
}

/// swift-system's calls throw only `Errno`, untyped; this gives them a typed throw.
func asErrno<Result>(_ body: () throws -> Result) throws(Errno) -> Result {
    do {
        return try body()
    } catch let error as Errno {
        throw error
    } catch {
        throw .ioError
    }
}
