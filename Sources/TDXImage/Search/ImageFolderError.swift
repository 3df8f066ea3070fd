/// Why an image folder could not be searched at all.
public enum ImageFolderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder (or a file inside it) could not be examined.
    case unreadable(FileAccessError)
    /// The path exists but is not a directory.
    case notADirectory(path: String, kind: FileKind)
    /// The folder is in a tree that describes the kernel or devices (`/proc`, `/sys`,
    /// `/dev`, or a file system of such a type); reading there can block or act on hardware.
    case pseudoFileSystem(path: String, fileSystemType: String?)

    public var description: String {
        switch self {
        case .unreadable(let error):
            return error.description
        case .notADirectory(let path, let kind):
            return "\(path) is \(kind), not a directory; give the folder that holds the module images with --images"
        case .pseudoFileSystem(let path, let type):
            let what = type.map { "a \($0) file system" } ?? "a kernel or device tree"
            return "\(path) is in \(what); module images are never searched there (reading its files can block "
                + "or act on devices): give the folder that holds the images"
        }
    }
}
