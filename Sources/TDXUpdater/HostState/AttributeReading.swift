import Glibc
import SystemPackage
import SystemSupport
import TDXSysfs

#if !os(Linux)
    #error("tdx-runtime-update runs on Linux: it reads /proc and /sys and uses glibc")
#endif

/// The result of reading one host attribute: its value, the error the read returned, or
/// text that did not parse. Kept instead of thrown so a status report can show every
/// attribute, readable or not.
public enum AttributeReading<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The attribute was read and understood.
    case value(Value)
    /// The read failed (ENOENT when absent, ENXIO for a lost module, EACCES when not root).
    case failed(HostFileError)
    /// The attribute was read but its text is not what the kernel writes there.
    case malformed(path: String, text: String)

    /// The value, when there is one.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// The errno of a failed read, nil otherwise.
    public var errno: Errno? {
        if case .failed(let error) = self { return error.errno }
        return nil
    }

    /// Why there is no value, in words, or nil when there is one.
    public var problem: String? {
        switch self {
        case .value: return nil
        case .failed(let error) where error.errno.isPermissionError:
            // Linux 7.2 also answers EACCES when the SEAMCALL raised #UD.
            return geteuid() == 0
                ? "\(error) (refused although running as root: the kernel's P-SEAMLDR call failed)"
                : "\(error) (root-only: run as root)"
        case .failed(let error): return error.description
        case .malformed(let path, let text): return "\(path): unexpected content \"\(ShownText.clean(text))\""
        }
    }

    /// Reads `path` from `files` and parses it with `parse` (nil means malformed).
    static func read(
        _ path: String, from files: some HostFiles, parse: (String) -> Value?
    ) -> AttributeReading<Value> {
        do {
            let text = try files.readText(path)
            guard let parsed = parse(text) else { return .malformed(path: path, text: text) }
            return .value(parsed)
        } catch {
            return .failed(error)
        }
    }

    /// The reading for an attribute this host's layout does not publish.
    static func absent(_ path: String, because reason: String) -> AttributeReading<Value> {
        .failed(HostFileError(path: path, errno: .noSuchFileOrDirectory, detail: reason))
    }
}
