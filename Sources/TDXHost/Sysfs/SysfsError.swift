import Foundation

/// The error a sysfs read or write returns, as the kernel's negative errno would.
///
/// The simulated host's files fail exactly where the real kernel's do, so the operator
/// tool sees the same error whether it talks to `/sys` or to the in-memory host.
public enum SysfsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// ENOENT: no such attribute (wrong path, or hidden because the feature is absent).
    case noSuchFile(path: String)
    /// ENXIO: the TDX module is not initialized (for example after a fatal update failure).
    case noSuchDeviceOrAddress(path: String)
    /// EBUSY: an upload is in progress (writing `loading` 0, or reading `error`).
    case busy(path: String)
    /// ENODEV: nothing to act on (e.g. `cancel` while idle, `data` outside a load).
    case noDevice(path: String)
    /// EINVAL: the written value is not one the attribute accepts.
    case invalidArgument(path: String, value: String)
    /// EACCES: the attribute is read-only (or write-only).
    case permissionDenied(path: String)
    /// EIO, or the error a firmware call returned (e.g. `seamldr_version` on a failed
    /// SEAMLDR.INFO).
    case ioError(path: String, detail: String)

    /// The positive errno value the kernel would return (negated) for this error.
    public var errno: Int32 {
        switch self {
        case .noSuchFile: return ENOENT
        case .noSuchDeviceOrAddress: return ENXIO
        case .busy: return EBUSY
        case .noDevice: return ENODEV
        case .invalidArgument: return EINVAL
        case .permissionDenied: return EACCES
        case .ioError: return EIO
        }
    }

    /// The errno's symbolic name, e.g. "ENXIO".
    public var errnoName: String {
        switch self {
        case .noSuchFile: return "ENOENT"
        case .noSuchDeviceOrAddress: return "ENXIO"
        case .busy: return "EBUSY"
        case .noDevice: return "ENODEV"
        case .invalidArgument: return "EINVAL"
        case .permissionDenied: return "EACCES"
        case .ioError: return "EIO"
        }
    }

    /// The path the failing read or write named.
    public var path: String {
        switch self {
        case .noSuchFile(let path), .noSuchDeviceOrAddress(let path), .busy(let path),
            .noDevice(let path), .invalidArgument(let path, _), .permissionDenied(let path),
            .ioError(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .noSuchFile(let path):
            return "\(path): \(errnoName): no such attribute"
        case .noSuchDeviceOrAddress(let path):
            return "\(path): \(errnoName): the TDX module is not initialized (TDs are lost; reboot to recover)"
        case .busy(let path):
            return "\(path): \(errnoName): an upload is in progress; wait until status reads idle"
        case .noDevice(let path):
            return "\(path): \(errnoName): no upload to act on"
        case .invalidArgument(let path, let value):
            return "\(path): \(errnoName): value \(value.debugDescription) not accepted"
        case .permissionDenied(let path):
            return "\(path): \(errnoName): attribute cannot be accessed that way"
        case .ioError(let path, let detail):
            return "\(path): \(errnoName): \(detail)"
        }
    }
}
