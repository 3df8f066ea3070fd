import TDXImage

/// Why `tdxctl host serve` could not start.
enum ServeError: Error, CustomStringConvertible {
    case imageNotFound(version: ModuleVersion, directory: String, available: [ModuleVersion])

    var description: String {
        switch self {
        case .imageNotFound(let version, let directory, let available):
            let list = available.isEmpty ? "none" : available.map(\.description).joined(separator: ", ")
            return "no image of version \(version) in \(directory) (found: \(list)); pick --from among those"
        }
    }
}
