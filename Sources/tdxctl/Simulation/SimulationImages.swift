import Foundation
import TDXHost
import TDXImage

/// The two images a simulation runs: the one the host boots and the one it updates to,
/// either built in (signed with the project's test key) or found in a folder.
struct SimulationImages {
    var from: [UInt8]
    var to: [UInt8]
    /// Versions for images whose sigstruct carries none (taken from their file names).
    var versionHints: [String: ModuleVersion]
    /// Where each came from, for the report ("built-in" or a path).
    var fromSource: String
    var toSource: String

    /// Built-in images of `from` and `to`.
    static func builtin(from: ModuleVersion, to: ModuleVersion) throws -> SimulationImages {
        SimulationImages(
            from: try BuiltinImages.image(version: from), to: try BuiltinImages.image(version: to),
            versionHints: [:], fromSource: "built-in", toSource: "built-in")
    }

    /// The images of versions `from` and `to` in `directory` (searched as `list` searches:
    /// links not followed, no devices or FIFOs opened, one file system, four levels; every
    /// file read bounded; the version comes from a `tdx_module_X.Y.ZZ` file name, else from
    /// the sigstruct), converted to v2 when they are v1 blobs.
    static func find(in directory: String, from: ModuleVersion, to: ModuleVersion) throws -> SimulationImages {
        let walk: ImageFolderWalk
        do {
            walk = try ImageFolderWalk(directory: directory)
        } catch {
            throw SimulationError.imagesUnreadable(directory, error)
        }
        var found: [ModuleVersion: (path: String, bytes: [UInt8])] = [:]
        var hints: [String: ModuleVersion] = [:]
        for file in walk.files {
            guard let bytes = try? ImageFile.read(file.path, role: .image),
                let parsed = try? ModuleImage(parsing: bytes),
                let version = parsed.version(fileName: (file.path as NSString).lastPathComponent),
                // The kernel takes only v2: convert as `tdxctl update` does before uploading.
                let image = parsed.format == .v2 ? parsed : try? ImageBuilder.convert(parsed, to: .v2)
            else { continue }
            if image.sigstruct.embeddedVersion == nil { hints[UpdateImage.hashKey(image)] = version }
            if found[version] == nil { found[version] = (file.path, image.bytes) }
        }
        guard let fromImage = found[from] else {
            throw SimulationError.imageNotFound(version: from, directory: directory, available: found.keys.sorted())
        }
        guard let toImage = found[to] else {
            throw SimulationError.imageNotFound(version: to, directory: directory, available: found.keys.sorted())
        }
        return SimulationImages(
            from: fromImage.bytes, to: toImage.bytes, versionHints: hints, fromSource: fromImage.path,
            toSource: toImage.path)
    }
}

/// Why a simulation could not start.
enum SimulationError: Error, CustomStringConvertible {
    case imagesUnreadable(String, ImageFolderError)
    case imageNotFound(version: ModuleVersion, directory: String, available: [ModuleVersion])

    var description: String {
        switch self {
        case .imagesUnreadable(let directory, let error):
            return "cannot search \(directory) (\(error)); pass --images a folder of tdx_module_X.Y.ZZ images"
        case .imageNotFound(let version, let directory, let available):
            let list = available.isEmpty ? "none" : available.map(\.description).joined(separator: ", ")
            return "no image of version \(version) in \(directory) (found: \(list)); pick --from/--to among those"
        }
    }
}
