import Glibc
import SystemPackage
import SystemSupport
import TDXSysfs

/// One writer at a time: an exclusive `flock(2)` on `/run/tdxctl.lock`, held by
/// `tdxctl update` from the end of its checks (which it then repeats under the lock)
/// until it has finished with the upload, with the holder's process id written inside.
///
/// The kernel's upload interface does not keep two writers apart (on mainline `loading=1`
/// discards another writer's partial image, and EBUSY comes only at `loading=0`), so two
/// runs could interleave into one mixed image. Any other tool that writes the TDX
/// firmware-upload files can honour the lock the same way: `flock -x /run/tdxctl.lock ...`.
/// The lock ends with the process that holds it, however it ends.
public final class UpdateLock: Sendable {
    /// Where the lock lives on a host (under `--root` for a host root).
    public static let hostPath = "/run/tdxctl.lock"
    /// This machine's folder for the locks of host roots that have no writable `run/`.
    public static let fallbackDirectory = "/run/tdxctl"

    /// The lock of the host whose root is `root`: `/run/tdxctl.lock` for "/",
    /// `ROOT/run/tdxctl.lock` for a host root.
    public static func path(forRoot root: String) -> String {
        RootDirectoryHostFiles(root: root).resolve(hostPath)
    }

    /// The lock on this machine for the host root `root` when the root offers no writable
    /// `run/` (a served host's mount): `/run/tdxctl/root-DEVICE-INODE.lock`, the same for
    /// every path that reaches that root. Nil when `root` cannot be `stat`ed.
    public static func fallbackPath(forRoot root: String) -> String? {
        guard let status = try? Stat(FilePath(root)) else { return nil }
        return fallbackDirectory + "/root-\(status.deviceID.rawValue)-\(status.inode.rawValue).lock"
    }

    /// Takes the lock of the host at `root` (``path(forRoot:)``); when the root cannot hold
    /// it (no `run/` can be made there: read-only, or a file system without `mkdir` or
    /// `create`, such as a served host's mount), the one at ``fallbackPath(forRoot:)``.
    public static func acquire(
        forRoot root: String, deadline: HostDeadline, onWait: (Int32?) -> Void = { _ in }
    ) throws(UpdateLockError) -> UpdateLock {
        do {
            return try acquire(at: path(forRoot: root), deadline: deadline, onWait: onWait)
        } catch .unusable(let path, let errno, let call)
            where RootDirectoryHostFiles(root: root).root != "/" && fallbackErrors.contains(errno)
        {
            guard let fallback = fallbackPath(forRoot: root) else {
                throw .unusable(path: path, errno: errno, call: call)
            }
            return try acquire(at: fallback, deadline: deadline, onWait: onWait)
        }
    }

    /// Why a host root cannot hold its own lock.
    private static let fallbackErrors: Set<Errno> = [
        .noFunction, .readOnlyFileSystem, .notPermitted, .permissionDenied, .notSupported,
        .notSupportedOnSocket,
    ]

    /// The lock file's real path.
    public let path: String
    private let descriptor: FileDescriptor

    private init(path: String, descriptor: FileDescriptor) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { try? descriptor.close() }

    /// Takes the lock at `path` (its directory is created when missing), waiting for
    /// another holder until `deadline` passes or the command is interrupted.
    /// - Throws: ``UpdateLockError``: held by another process (naming its pid), interrupted,
    ///   or the lock file unusable (naming it and the errno).
    /// `onWait` is called once, with the holder's pid, when the lock is found held.
    public static func acquire(
        at path: String, deadline: HostDeadline, onWait: (Int32?) -> Void = { _ in }
    ) throws(UpdateLockError) -> UpdateLock {
        let descriptor = try open(path)
        var pause = Duration.milliseconds(10)
        var waiting = false
        while true {
            do {
                _ = try SystemCall.checked { flock(descriptor.rawValue, LOCK_EX | LOCK_NB) }
                break
            } catch  where error == .wouldBlock {
                if !waiting { onWait(holderPID(descriptor)) }
                waiting = true
                let end = deadline.pause(pause)
                pause = min(pause * 2, .milliseconds(200))
                switch end {
                case .done: continue
                case .deadlinePassed:
                    let holder = holderPID(descriptor)
                    try? descriptor.close()
                    throw .held(path: path, pid: holder, waited: deadline.timeout)
                case .interrupted(let signal):
                    try? descriptor.close()
                    throw .interrupted(signal)
                }
            } catch {
                try? descriptor.close()
                throw .unusable(path: path, errno: error, call: "flock")
            }
        }
        let pid = Array("\(getpid())\n".utf8)
        do {
            _ = try SystemCall.checked { ftruncate(descriptor.rawValue, 0) }
            _ = try SystemCall.typed { try descriptor.writeAll(toAbsoluteOffset: 0, pid) }
        } catch {
            try? descriptor.close()
            throw .unusable(path: path, errno: error, call: "write")
        }
        return UpdateLock(path: path, descriptor: descriptor)
    }

    /// Clears the pid and lets the lock go (closing the file releases it).
    public func release() {
        _ = ftruncate(descriptor.rawValue, 0)
        _ = flock(descriptor.rawValue, LOCK_UN)
    }

    /// Opens (creating) the lock file: never through a link, never anything but a regular file.
    private static func open(_ path: String) throws(UpdateLockError) -> FileDescriptor {
        let directory = FilePath(path).removingLastComponent()
        if !directory.isEmpty, (try? Stat(directory)) == nil {
            // Only the lock's own folder is made: never a host root's missing parents.
            do {
                _ = try SystemCall.checked { mkdir(directory.string, 0o755) }
            } catch  where error == .fileExists {
            } catch {
                throw .unusable(path: directory.string, errno: error, call: "mkdir")
            }
        }
        let descriptor: FileDescriptor
        do {
            descriptor = try SystemCall.retryingInterrupts { () throws(Errno) -> FileDescriptor in
                try SystemCall.typed {
                    try FileDescriptor.open(
                        FilePath(path), .readWrite, options: [.create, .noFollow, .nonBlocking, .closeOnExec],
                        permissions: [.ownerReadWrite, .groupRead, .otherRead], retryOnInterrupt: false)
                }
            }
        } catch {
            throw .unusable(path: path, errno: error, call: "open")
        }
        guard (try? Stat(descriptor))?.type == .regular else {
            try? descriptor.close()
            throw .unusable(path: path, errno: .invalidArgument, call: "open")
        }
        return descriptor
    }

    /// The pid the holder wrote, when readable.
    private static func holderPID(_ descriptor: FileDescriptor) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count =
            (try? buffer.withUnsafeMutableBytes { try descriptor.read(fromAbsoluteOffset: 0, into: $0) }) ?? 0
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingEdges())
    }
}

/// Why ``UpdateLock/acquire(at:deadline:onWait:)`` did not get the lock.
public enum UpdateLockError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another process held it for the whole wait; its pid when it wrote one.
    case held(path: String, pid: Int32?, waited: Duration)
    /// The operator interrupted the wait (the signal's number).
    case interrupted(Int32)
    /// The lock file could not be created, opened or locked.
    case unusable(path: String, errno: Errno, call: String)

    public var description: String {
        switch self {
        case .held(let path, let pid, let waited):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "another update is running: \(holder) holds \(path) (waited \(waited)); "
                + "wait for it to finish, then retry"
        case .interrupted(let signal):
            return "interrupted (\(SignalPipe.name(of: signal))) while waiting for the update lock; nothing was written"
        case .unusable(let path, let errno, let call):
            return "cannot take the update lock \(path): \(call): \(errno.nameAndText)"
        }
    }
}
