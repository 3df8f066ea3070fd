#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    import Musl
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Writing a picture to a file atomically: a temporary file beside the target (so the
/// rename stays on one file system), flushed, then renamed over the target. A reader never
/// sees half a picture, and a failed write leaves an earlier picture in place. Failures
/// name the errno ("ENOENT"), not a Foundation message.
public enum TimelineFile {
    /// Writes `svg` to `path` atomically.
    public static func write(_ svg: String, to path: String) throws(TimelineWriteError) {
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TimelineWriteError(path: path, action: .create(temporary), code: errno) }
        var failure: TimelineWriteError?
        var bytes = Array(svg.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    failure = TimelineWriteError(path: path, action: .write(temporary), code: count < 0 ? errno : EIO)
                    return
                }
                written += count
            }
            if fsync(descriptor) != 0 {
                failure = TimelineWriteError(path: path, action: .write(temporary), code: errno)
            }
        }
        if close(descriptor) != 0, failure == nil {
            failure = TimelineWriteError(path: path, action: .write(temporary), code: errno)
        }
        if failure == nil, rename(temporary, path) != 0 {
            failure = TimelineWriteError(path: path, action: .rename(temporary), code: errno)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Checks, before any work, that `path` can be written: it is not a folder, and a file
    /// can be created beside it (the temporary file is created and removed again).
    public static func checkWritable(_ path: String) throws(TimelineWriteError) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw TimelineWriteError(path: path, action: .create(path), code: EISDIR)
        }
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TimelineWriteError(path: path, action: .create(temporary), code: errno) }
        close(descriptor)
        unlink(temporary)
    }

    /// ".NAME.tmp-PID" in the target's folder.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + "." + name + ".tmp-\(getpid())"
    }
}

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
    /// The errno.
    public let code: Int32

    /// The errno's symbolic name, for the errors creating, writing and renaming a file give.
    public var errnoName: String {
        switch code {
        case EPERM: "EPERM"
        case ENOENT: "ENOENT"
        case EIO: "EIO"
        case EACCES: "EACCES"
        case EEXIST: "EEXIST"
        case EXDEV: "EXDEV"
        case ENOTDIR: "ENOTDIR"
        case EISDIR: "EISDIR"
        case EINVAL: "EINVAL"
        case EFBIG: "EFBIG"
        case ENOSPC: "ENOSPC"
        case EROFS: "EROFS"
        case ENAMETOOLONG: "ENAMETOOLONG"
        case ELOOP: "ELOOP"
        case EDQUOT: "EDQUOT"
        default: "errno \(code)"
        }
    }

    public var description: String {
        let reason = "\(errnoName) (\(String(cString: strerror(code))))"
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
