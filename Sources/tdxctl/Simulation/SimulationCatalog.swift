import Foundation
import TDXHost
import TDXImage
import TDXUpdater

/// Where `tdxctl simulate` takes its images from: the built-in pair, made and signed with
/// the project's test key and given release metadata, or a folder read exactly as
/// `tdxctl update --images` reads it.
enum SimulationCatalog {
    /// An in-memory catalog of built-in images of `versions` with their release metadata.
    static func builtin(versions: [ModuleVersion]) throws -> ImageCatalog {
        let unique = Set(versions).sorted()
        let images = try unique.map { version in
            (fileName: "tdx_module_\(version).img", bytes: try BuiltinImages.image(version: version))
        }
        return ImageCatalog(
            directory: "built-in", images: images, mapping: BuiltinImages.releaseMapping(versions: unique),
            trust: .test)
    }

    /// The image the simulated host boots: the catalog's image of `version`, as v2 (the
    /// only format Linux 7.2's kernel holds).
    static func runningImage(_ version: ModuleVersion, in catalog: ImageCatalog) throws -> [UInt8] {
        let found = catalog.candidates.filter { $0.facts != nil }
        guard let candidate = found.first(where: { $0.facts?.version == version }) else {
            throw SimulationError.imageNotFound(
                version: version, directory: catalog.directory,
                available: Array(Set(found.compactMap { $0.facts?.version })).sorted())
        }
        let image = try candidate.reload()
        return (image.format == .v2 ? image : try ImageBuilder.convert(image, to: .v2)).bytes
    }

    /// Versions of the catalog's images whose sigstruct carries none (Intel's 1.5
    /// releases), keyed as the simulated kernel looks them up.
    static func versionHints(_ catalog: ImageCatalog) -> [String: ModuleVersion] {
        var hints: [String: ModuleVersion] = [:]
        for candidate in catalog.candidates {
            guard let version = candidate.facts?.version, candidate.summary?.sigstruct.embeddedVersion == nil,
                let image = try? candidate.reload()
            else { continue }
            hints[UpdateImage.hashKey(image)] = version
        }
        return hints
    }
}

/// Why a simulation could not start.
enum SimulationError: Error, CustomStringConvertible {
    case imageNotFound(version: ModuleVersion, directory: String, available: [ModuleVersion])

    var description: String {
        switch self {
        case .imageNotFound(let version, let directory, let available):
            let list = available.isEmpty ? "none" : available.map(\.description).joined(separator: ", ")
            return "no image of version \(version) in \(directory) for the host to run (found: \(list)); "
                + "pick --from among those"
        }
    }
}
