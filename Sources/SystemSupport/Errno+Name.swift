import CSystemSupport
import Glibc
import SystemPackage

extension Errno {
    /// The symbolic name, as in C ("ENXIO"), from the C library; `errno N` if it has none.
    public var name: String {
        guard let name = csystem_errno_name(rawValue) else { return "errno \(rawValue)" }
        return String(cString: name)
    }

    /// Name and the C library's text: "ENXIO (No such device or address)", the form every
    /// message of the tool uses for a failed system call.
    public var nameAndText: String {
        "\(name) (\(String(cString: strerror(rawValue))))"
    }

    /// Whether this is a refusal for lack of privilege (EACCES or EPERM).
    public var isPermissionError: Bool {
        self == .permissionDenied || self == .notPermitted
    }
}
