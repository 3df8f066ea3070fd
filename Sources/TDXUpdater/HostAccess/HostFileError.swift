/// A POSIX error number, as a sysfs read or write returns it (negated in the kernel).
///
/// Only the numbers the updater reacts to have names; any other keeps its value.
public struct HostErrno: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The positive errno value (Linux numbering).
    public let rawValue: Int32

    /// An errno from its number.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// EPERM: operation not permitted.
    public static let operationNotPermitted = HostErrno(rawValue: 1)
    /// ENOENT: no such file (attribute absent, or hidden because a feature is missing).
    public static let noEntry = HostErrno(rawValue: 2)
    /// EIO: input/output error (also what a failed firmware call surfaces as).
    public static let ioError = HostErrno(rawValue: 5)
    /// ENXIO: no such device or address; `tdx_host/version` after the module was lost.
    public static let noDeviceOrAddress = HostErrno(rawValue: 6)
    /// ENOMEM: out of memory.
    public static let outOfMemory = HostErrno(rawValue: 12)
    /// EACCES: permission denied (the P-SEAMLDR attributes are root-only).
    public static let permissionDenied = HostErrno(rawValue: 13)
    /// EBUSY: busy; an upload is in progress.
    public static let busy = HostErrno(rawValue: 16)
    /// ENODEV: no such device; e.g. `cancel` while idle.
    public static let noDevice = HostErrno(rawValue: 19)
    /// ENOTDIR: a path component is not a directory.
    public static let notDirectory = HostErrno(rawValue: 20)
    /// EISDIR: the path is a directory.
    public static let isDirectory = HostErrno(rawValue: 21)
    /// EINVAL: invalid argument (a value the attribute does not accept).
    public static let invalidArgument = HostErrno(rawValue: 22)
    /// ENOSPC: no space left; no remaining updates.
    public static let noSpace = HostErrno(rawValue: 28)
    /// ETIMEDOUT: timed out.
    public static let timedOut = HostErrno(rawValue: 110)

    /// The symbolic name ("ENXIO"), or "errno N" for numbers without a name here.
    public var name: String {
        switch rawValue {
        case 1: return "EPERM"
        case 2: return "ENOENT"
        case 5: return "EIO"
        case 6: return "ENXIO"
        case 12: return "ENOMEM"
        case 13: return "EACCES"
        case 16: return "EBUSY"
        case 19: return "ENODEV"
        case 20: return "ENOTDIR"
        case 21: return "EISDIR"
        case 22: return "EINVAL"
        case 28: return "ENOSPC"
        case 110: return "ETIMEDOUT"
        default: return "errno \(rawValue)"
        }
    }

    public var description: String { name }
}

/// A failed read, write or listing of a host file: the path, the errno, and any detail
/// the implementation could add.
public struct HostFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as the updater named it ("/sys/...").
    public let path: String
    /// The error number the operation returned.
    public let errno: HostErrno
    /// Extra words from the implementation (may be empty).
    public let detail: String

    /// An error for `path` with `errno` and optional `detail`.
    public init(path: String, errno: HostErrno, detail: String = "") {
        self.path = path
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        detail.isEmpty ? "\(path): \(errno.name)" : "\(path): \(errno.name): \(detail)"
    }
}
