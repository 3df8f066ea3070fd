import SystemPackage
import SystemSupport

/// A failed read, write or listing of a host file: the path, the errno the kernel (or the
/// simulated kernel) returned, and any detail the implementation could add.
///
/// The errno is swift-system's `Errno`, so a real `/sys` and the simulated host report the
/// same values (`.noSuchAddressOrDevice` for a lost module, `.resourceBusy` during an
/// upload) and the updater reacts to both alike.
public struct HostFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as the caller named it ("/sys/...").
    public let path: String
    /// The error number the operation returned.
    public let errno: Errno
    /// Extra words from the implementation (may be empty).
    public let detail: String

    /// An error for `path` with `errno` and optional `detail`.
    public init(path: String, errno: Errno, detail: String = "") {
        self.path = path
        self.errno = errno
        self.detail = detail
    }

    /// The same error for another path (a file reached through a second name).
    public func at(_ path: String) -> HostFileError {
        HostFileError(path: path, errno: errno, detail: detail)
    }

    /// "/sys/devices/faux/tdx_host/version: ENXIO" plus the detail, when there is one.
    public var description: String {
        detail.isEmpty ? "\(path): \(errno.name)" : "\(path): \(errno.name): \(detail)"
    }
}
