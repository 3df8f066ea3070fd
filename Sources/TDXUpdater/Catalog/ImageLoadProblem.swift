import TDXImage

/// Why a found image could not be used at all.
public enum ImageLoadProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file of it could not be read (not a regular file, too large, an errno).
    case file(FileAccessError)
    /// Its bytes are not a valid image (or a pair does not join into one).
    case image(path: String, ImageError)
    /// Neither its name nor its sigstruct gives a version.
    case versionUnknown(path: String)

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .image(let path, let error):
            return "\(path): \(error)"
        case .versionUnknown(let path):
            return "\(path): version unknown: neither a tdx_module_X.Y.Z file name nor a version in the sigstruct"
        }
    }
}
