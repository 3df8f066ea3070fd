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

/// Why the image chosen from a listing cannot be uploaded: it is read again just before
/// the upload and must be exactly what was listed and verified.
public enum ImageReloadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// It was never readable.
    case notLoaded(path: String)
    /// Reading it again failed.
    case unreadable(ImageLoadProblem)
    /// Its length or SHA-384 is not what was listed: it changed since.
    case changed(path: String, listedLength: Int, length: Int)

    public var description: String {
        switch self {
        case .notLoaded(let path):
            return "\(path) could not be read when the images were listed"
        case .unreadable(let problem):
            return "reading the chosen image again failed: \(problem)"
        case .changed(let path, let listedLength, let length):
            let what =
                listedLength == length
                ? "its SHA-384 differs" : "it is \(length) bytes, \(listedLength) were listed"
            return "\(path) changed since it was listed and verified (\(what)); it was not uploaded"
        }
    }
}
