import TDXImage

/// Why `tdxctl host serve` could not start.
enum ServeError: Error, CustomStringConvertible {
    case imageNotFound(version: ModuleVersion, directory: String, available: [ModuleVersion])
    case host(String)
    case mount(String)

    var description: String {
        switch self {
        case .imageNotFound(let version, let directory, let available):
            let list = available.isEmpty ? "none" : available.map(\.description).joined(separator: ", ")
            return "no image of version \(version) in \(directory) (found: \(list)); pick --from among those"
        case .host(let detail):
            return "cannot build the simulated host: \(detail)"
        case .mount(let detail):
            return detail
        }
    }
}
