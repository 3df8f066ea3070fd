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
