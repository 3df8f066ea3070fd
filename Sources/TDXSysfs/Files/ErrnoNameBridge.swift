import Glibc
import SystemPackage

// Temporary: main's SystemSupport module provides `Errno.name` (glibc's strerrorname_np);
// this file goes when it is merged.
extension Errno {
    /// The symbolic name, "ENXIO", as glibc's `strerrorname_np` gives it.
    public var name: String {
        typealias NameFunction = @convention(c) (Int32) -> UnsafePointer<CChar>?
        guard let symbol = dlsym(nil, "strerrorname_np"),
            let text = unsafeBitCast(symbol, to: NameFunction.self)(rawValue)
        else { return "errno \(rawValue)" }
        return String(cString: text)
    }
}
