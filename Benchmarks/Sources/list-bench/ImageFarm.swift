import BenchSupport
import Foundation
import TDXImage

/// A folder of many real module images: Intel's published blobs (or, without them, six
/// generated and signed images of the same sizes) copied into `copies` subfolders under
/// their own names, with Intel's `mapping_file.json` at the top. Removed on `cleanUp`.
struct ImageFarm {
    let path: String
    let imageCount: Int
    /// "intel" or "generated".
    let source: String

    static func make(images wanted: Int) throws -> ImageFarm {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("list-bench-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var originals: [(name: String, bytes: [UInt8])] = []
        var source = "generated"
        if let intel = IntelBinaries.folder() {
            let joined = intel.appendingPathComponent("joined_files").path
            for name in try FileManager.default.contentsOfDirectory(atPath: joined).sorted()
            where name.hasSuffix(".blob") {
                originals.append((name, try ImageFile.read(joined + "/" + name)))
            }
            let mapping = try ImageFile.read(intel.appendingPathComponent("mapping_file.json").path, role: .mappingFile)
            try ImageFile.write(mapping, to: path + "/mapping_file.json")
            source = "intel"
        }
        if originals.isEmpty {
            let signer = TestImageSigner()
            for update in [1, 5, 6, 8, 9, 13] {
                let version = ModuleVersion(major: 1, minor: 5, update: update)
                let image = try signer.makeImage(version: version, modulePages: 102, format: .v1)
                originals.append(("tdx_module_\(version).blob", image.bytes))
            }
        }
        var count = 0
        var copy = 0
        while count < wanted {
            let folder = path + String(format: "/copy-%03d", copy)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            for original in originals where count < wanted {
                try ImageFile.write(original.bytes, to: folder + "/" + original.name)
                count += 1
            }
            copy += 1
        }
        return ImageFarm(path: path, imageCount: count, source: source)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
