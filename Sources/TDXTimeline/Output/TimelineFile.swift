import Glibc
import SystemPackage

/// Writing a picture to a file atomically: a temporary file beside the target (so the
/// rename stays on one file system), flushed, then renamed over the target. A reader never
/// sees half a picture, and a failed write leaves an earlier picture in place. Failures
/// name the errno ("ENOENT"), not a Foundation message.
public enum TimelineFile {
    /// Writes `svg` to `path` atomically.
    public static func write(_ svg: String, to path: String) throws(TimelineWriteError) {
        let temporary = temporaryPath(for: path)
        let descriptor = try create(temporary, for: path)
        var failure: TimelineWriteError?
        do {
            _ = try descriptor.writeAll(svg.utf8)
            try nothingOrErrno(fsync(descriptor.rawValue))
        } catch {
            failure = TimelineWriteError(path: path, action: .write(temporary), errno: error as? Errno ?? .ioError)
        }
        do {
            try descriptor.close()
        } catch {
            failure =
                failure ?? TimelineWriteError(path: path, action: .write(temporary), errno: error as? Errno ?? .ioError)
        }
        if failure == nil {
            do throws(Errno) {
                try nothingOrErrno(rename(temporary, path))
            } catch {
                failure = TimelineWriteError(path: path, action: .rename(temporary), errno: error)
            }
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
            throw TimelineWriteError(path: path, action: .create(path), errno: .isDirectory)
        }
        let temporary = temporaryPath(for: path)
        let descriptor = try create(temporary, for: path)
        try? descriptor.close()
        unlink(temporary)
    }

    /// Creates `temporary` exclusively, for writing; a failure names the picture's `path`.
    private static func create(_ temporary: String, for path: String) throws(TimelineWriteError) -> FileDescriptor {
        do {
            return try FileDescriptor.open(
                FilePath(temporary), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        } catch {
            throw TimelineWriteError(path: path, action: .create(temporary), errno: error as? Errno ?? .ioError)
        }
    }

    /// A C call's `0 or -1 with errno`, as a Swift error.
    private static func nothingOrErrno(_ result: Int32) throws(Errno) {
        if result != 0 { throw Errno(rawValue: errno) }
    }

    /// ".NAME.tmp-PID" in the target's folder.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + "." + name + ".tmp-\(getpid())"
    }
}
