import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Reading and writing the files of an image folder, bounded and typed: a read never opens
/// anything but a regular file, never follows a final symbolic link, never blocks on a FIFO
/// or device, and never takes more bytes than the file's ``FileRole`` allows. Failures are
/// ``FileAccessError``s naming the path and the errno (swift-system), never Foundation text.
public enum ImageFile {
    /// The whole file at `path`, which must be a regular file of at most `role.maximumSize`
    /// bytes.
    public static func read(_ path: String, role: FileRole = .image) throws(FileAccessError) -> [UInt8] {
        try OpenedFile(path: path, role: role).readAll()
    }

    /// The first `count` bytes of the regular file at `path` (fewer when it is shorter),
    /// enough to recognise an image without reading a whole file.
    public static func readPrefix(_ path: String, count: Int) throws(FileAccessError) -> [UInt8] {
        try OpenedFile(path: path, role: .image).readPrefix(count)
    }

    /// Writes `bytes` to `path` atomically: a new file beside it (`O_CREAT | O_EXCL |
    /// O_NOFOLLOW`), written, synced and renamed over `path`, so a partial image is never
    /// left behind and an existing link at `path` is replaced, not written through.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileAccessError) {
        let temporary = path + ".tdxctl-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor: FileDescriptor
        do {
            descriptor = try SystemCall.retryingInterrupts { () throws(Errno) -> FileDescriptor in
                try asErrno {
                    try FileDescriptor.open(
                        FilePath(temporary), .writeOnly, options: [.create, .exclusiveCreate, .noFollow, .closeOnExec],
                        permissions: [.ownerReadWrite, .groupRead, .otherRead], retryOnInterrupt: false)
                }
            }
        } catch {
            throw FileAccessError(path: path, problem: .system(.open, error))
        }
        var failure: FileAccessError?
        do throws(FileAccessError) {
            try writeAll(bytes, to: descriptor, path: path)
            do {
                try SystemCall.retryingInterrupts { () throws(Errno) in
                    if fsync(descriptor.rawValue) != 0 { throw SystemCall.lastErrno }
                }
            } catch {
                throw FileAccessError(path: path, problem: .system(.fsync, error))
            }
        } catch {
            failure = error
        }
        try? descriptor.close()
        if failure == nil {
            do {
                try SystemCall.retryingInterrupts { () throws(Errno) in
                    if rename(temporary, path) != 0 { throw SystemCall.lastErrno }
                }
                return
            } catch {
                failure = FileAccessError(path: path, problem: .system(.rename, error))
            }
        }
        _ = unlink(temporary)
        if let failure { throw failure }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor, path: String)
        throws(FileAccessError)
    {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                let rest = UnsafeRawBufferPointer(rebasing: buffer[offset...])
                return Result { () throws(Errno) -> Int in
                    try SystemCall.retryingInterrupts { () throws(Errno) -> Int in
                        try asErrno { try descriptor.write(rest, retryOnInterrupt: false) }
                    }
                }
            }
            switch result {
            case .success(let count): offset += count
            case .failure(let error): throw FileAccessError(path: path, problem: .system(.write, error))
            }
        }
    }
}

extension ModuleImage {
    /// Reads (bounded, see ``ImageFile``) and parses the image file at `path`.
    public init(contentsOf path: String) throws(ImageError) {
        let bytes: [UInt8]
        do {
            bytes = try ImageFile.read(path, role: .image)
        } catch {
            throw .fileAccess(error)
        }
        try self.init(parsing: bytes)
    }
}
