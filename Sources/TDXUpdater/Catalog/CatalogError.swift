import TDXImage

/// Why an image folder could not be searched.
public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The folder could not be walked (missing, not a folder, a kernel or device tree).
    case folder(ImageFolderError)
    /// A mapping file could not be read.
    case mappingUnreadable(FileAccessError)
    /// A mapping file is not valid release metadata.
    case mappingInvalid(path: String, MappingFileError)

    public var description: String {
        switch self {
        case .folder(let error):
            return error.description
        case .mappingUnreadable(let error):
            return "cannot use release metadata: \(error)"
        case .mappingInvalid(let path, let error):
            return "cannot use release metadata \(path): \(error)"
        }
    }
}
