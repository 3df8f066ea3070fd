import ArgumentParser
import TDXHost
import TDXTimeline

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

/// `tdxctl simulate --timeline FILE.svg`: the update's picture (docs/TIMELINE.md), written
/// atomically (a temporary file beside the target, then `rename`), so a reader never sees
/// half a picture and a failed write leaves any earlier picture in place.
struct TimelineOutput {
    /// Where the picture goes.
    let path: String

    /// Checks that `path` can be written before the simulation runs (so a typo costs no
    /// update): the target is not a folder, and a file can be created beside it. A failure
    /// is reported (text or JSON) and ends the command with exit status 1.
    static func prepare(_ path: String?, json: Bool) throws -> TimelineOutput? {
        guard let path else { return nil }
        let output = TimelineOutput(path: path)
        do { try output.checkWritable() } catch { try report(error, json: json) }
        return output
    }

    /// Writes the picture of the simulation's update (or, when no update ran, a picture
    /// saying why). A failure is reported and ends the command with exit status 1.
    func write(_ result: Simulation.Result, json: Bool) throws {
        let timeline: Timeline
        if let attempt = result.attempt {
            timeline = result.host.timeline(of: attempt)
        } else {
            timeline = Timeline(
                outcome: .init(name: result.update.result.name, severity: .warning),
                cpus: result.host.cpus.cpus.map(\.id), steps: [],
                notes: ["no update ran: \(result.update.message)"])
        }
        do { try write(TimelineSVG.render(timeline)) } catch { try Self.report(error, json: json) }
    }

    /// Writes `svg` to a temporary file beside `path`, flushes it, and renames it over `path`.
    func write(_ svg: String) throws(TimelineWriteError) {
        let temporary = temporaryPath
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

    /// The target is not a folder and a file can be created in its folder.
    func checkWritable() throws(TimelineWriteError) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw TimelineWriteError(path: path, action: .create(path), code: EISDIR)
        }
        let temporary = temporaryPath
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TimelineWriteError(path: path, action: .create(temporary), code: errno) }
        close(descriptor)
        unlink(temporary)
    }

    /// ".NAME.tmp-PID" in the target's folder (the same file system, so `rename` is atomic).
    private var temporaryPath: String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + "." + name + ".tmp-\(getpid())"
    }

    /// The failure the command reports (one JSON object with `--json`), exit status 1.
    private static func report(_ error: any Error, json: Bool) throws -> Never {
        throw CommandFailure(.writeFailed, "\(error)", file: (error as? TimelineWriteError)?.path)
    }
}

/// Why the timeline picture could not be written: the file, what was being done, and the
/// errno by its name ("ENOENT") with the C library's words for it.
struct TimelineWriteError: Error, CustomStringConvertible {
    enum Action {
        case create(String)
        case write(String)
        case rename(String)
    }

    let path: String
    let action: Action
    let code: Int32

    /// The errno's symbolic name, for the errors creating, writing and renaming a file give.
    var errnoName: String {
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

    var description: String {
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
