import TDXHost
import TDXImage
import TDXUpdater

/// The image a served host boots, and the versions its kernel knows for images whose
/// sigstruct carries none (Intel's 1.5 releases), from `--images` or built in.
struct ServedImages {
    /// The running image, in the format the served kernel takes.
    var running: [UInt8]
    /// Versions by sigstruct module hash (see `KernelConfiguration.versionHints`).
    var versionHints: [String: ModuleVersion]
    /// Where the running image came from ("built-in" or a path).
    var runningSource: String

    /// A built-in image of `from`, signed with the project's test key.
    static func builtin(from: ModuleVersion) throws -> ServedImages {
        ServedImages(running: try BuiltinImages.image(version: from), versionHints: [:], runningSource: "built-in")
    }

    /// The image of version `from` in `directory` (converted to `format`), and a version
    /// hint for every image there that needs one.
    static func find(
        in directory: String, from: ModuleVersion, trust: TrustPolicy, format: ImageFormat
    ) throws -> ServedImages {
        let catalog = try ImageCatalog(directory: directory, trust: trust)
        var hints: [String: ModuleVersion] = [:]
        var running: (path: String, image: ModuleImage)?
        for candidate in catalog.candidates {
            guard let version = candidate.facts?.version, let image = try? candidate.reload() else { continue }
            if image.sigstruct.embeddedVersion == nil { hints[UpdateImage.hashKey(image)] = version }
            if version == from, running == nil { running = (candidate.path, image) }
        }
        guard let running else {
            let found = Set(catalog.candidates.compactMap { $0.facts?.version }).sorted()
            throw ServeError.imageNotFound(version: from, directory: directory, available: found)
        }
        let converted =
            running.image.format == format ? running.image : try ImageBuilder.convert(running.image, to: format)
        return ServedImages(running: converted.bytes, versionHints: hints, runningSource: running.path)
    }
}

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
