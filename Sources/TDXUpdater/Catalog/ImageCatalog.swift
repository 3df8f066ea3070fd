import Foundation
import TDXImage
import TDXSysfs

/// The module images in a folder, each parsed, verified and matched with its release
/// metadata.
///
/// Two layouts are understood, both by walking the folder:
/// - Intel's repository (intel/tdx-module-binaries): `mapping_file.json` at the top,
///   v1 blobs under `joined_files/` (flat or in "a.b" folders), `.bin` + `.sigstruct`
///   pairs under `separate_files/`;
/// - a flat folder of v1 blobs, v2 images and `.bin` + `.sigstruct` pairs, with an
///   optional `mapping_file.json` (or one named with `mappingPath`).
///
/// A file is an image candidate when its name ends in `.blob`, `.img` or `.image`, or
/// its first bytes carry the TDX-BLOB signature. Hidden folders (`.git`) are skipped.
public struct ImageCatalog: Sendable {
    /// The folder searched.
    public let directory: String
    /// The release metadata used, nil when none was found or it was unreadable.
    public let mapping: ReleaseMapping?
    /// Where the release metadata came from, nil when none was found.
    public let mappingPath: String?
    /// Why the release metadata could not be used, nil when it could (or none was expected).
    public let mappingProblem: String?
    /// Every image found, in path order.
    public let candidates: [ImageCandidate]

    /// The largest file considered (a maximal v2 image is 498 pages, about 2 MiB).
    static let maximumImageSize = 8 << 20
    /// How deep the folder walk goes (Intel's layout needs 3: joined_files/1.5/x.blob).
    static let maximumDepth = 4

    /// Searches `directory` and judges every image against `trust`.
    /// - Parameter mappingPath: release metadata to use instead of
    ///   `directory/mapping_file.json`.
    /// - Throws: ``CatalogError`` when the folder cannot be read, or a named mapping file
    ///   cannot be read or parsed.
    public init(directory: String, mappingPath: String? = nil, trust: TrustPolicy) throws(CatalogError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw .notADirectory(directory) }
        self.directory = directory

        let defaultMapping = directory + "/mapping_file.json"
        let chosenMapping =
            mappingPath ?? (FileManager.default.fileExists(atPath: defaultMapping) ? defaultMapping : nil)
        var mapping: ReleaseMapping?
        var mappingProblem: String?
        if let chosenMapping {
            do {
                mapping = try ReleaseMapping(jsonBytes: try ImageFile.read(chosenMapping))
                if let problems = mapping?.problems, !problems.isEmpty {
                    mappingProblem = problems.map(\.description).joined(separator: "; ")
                }
            } catch let error as MappingFileError {
                if mappingPath != nil { throw .mappingUnusable(path: chosenMapping, reason: error.description) }
                mappingProblem = error.description
            } catch {
                if mappingPath != nil { throw .mappingUnusable(path: chosenMapping, reason: "\(error)") }
                mappingProblem = "\(error)"
            }
        }
        self.mapping = mapping
        self.mappingPath = chosenMapping
        self.mappingProblem = mappingProblem

        let files = try Self.walk(directory)
        let fileSet = Set(files)
        var candidates: [ImageCandidate] = []
        for path in files {
            if path.hasSuffix(".bin") {
                let sigstructPath = String(path.dropLast(4)) + ".sigstruct"
                if fileSet.contains(sigstructPath) {
                    candidates.append(Self.pairCandidate(binPath: path, sigstructPath: sigstructPath, mapping, trust))
                }
                continue
            }
            if path.hasSuffix(".sigstruct") || path.hasSuffix(".json") { continue }
            if let candidate = Self.fileCandidate(path: path, mapping, trust) { candidates.append(candidate) }
        }
        self.candidates = candidates
    }

    /// Judges an image already in memory (one file's bytes) the way a found file is judged.
    public static func candidate(
        path: String, bytes: [UInt8], mapping: ReleaseMapping?, trust: TrustPolicy
    ) -> ImageCandidate {
        do {
            return judged(path: path, origin: .file, image: try ModuleImage(parsing: bytes), mapping, trust)
        } catch {
            return ImageCandidate(
                path: path, image: nil, facts: nil, loadProblem: error.description, verification: nil, release: nil)
        }
    }

    private static func fileCandidate(path: String, _ mapping: ReleaseMapping?, _ trust: TrustPolicy) -> ImageCandidate?
    {
        let named = [".blob", ".img", ".image"].contains { path.hasSuffix($0) }
        guard named || looksLikeImage(firstBytes(of: path)) else { return nil }
        guard let size = fileSize(path), size <= maximumImageSize else {
            return unreadable(path, "larger than \(maximumImageSize) bytes; not a module image")
        }
        do {
            return candidate(path: path, bytes: try ImageFile.read(path), mapping: mapping, trust: trust)
        } catch {
            return unreadable(path, error.description)
        }
    }

    private static func pairCandidate(
        binPath: String, sigstructPath: String, _ mapping: ReleaseMapping?, _ trust: TrustPolicy
    ) -> ImageCandidate {
        do {
            let module = try ImageFile.read(binPath)
            let sigstruct = try ImageFile.read(sigstructPath)
            let image = try ImageBuilder.join(module: module, sigstruct: sigstruct, format: .v2)
            return judged(path: binPath, origin: .pair(sigstructPath: sigstructPath), image: image, mapping, trust)
        } catch {
            return ImageCandidate(
                path: binPath, origin: .pair(sigstructPath: sigstructPath), image: nil, facts: nil,
                loadProblem: error.description, verification: nil, release: nil)
        }
    }

    private static func judged(
        path: String, origin: ImageCandidate.Origin, image: ModuleImage, _ mapping: ReleaseMapping?,
        _ trust: TrustPolicy
    ) -> ImageCandidate {
        let verification = image.verify(trusting: trust)
        guard let version = image.version(fileName: (path as NSString).lastPathComponent) else {
            return ImageCandidate(
                path: path, origin: origin, image: image, facts: nil,
                loadProblem: "version unknown: neither a tdx_module_X.Y.Z file name nor a version in the sigstruct",
                verification: verification, release: nil)
        }
        let facts = ImageFacts(
            version: version, isDebug: image.sigstruct.isDebug,
            supportedCPUs: image.sigstruct.cpuidTable.map(CPUIDSignature.init(rawValue:)))
        return ImageCandidate(
            path: path, origin: origin, image: image, facts: facts, loadProblem: nil, verification: verification,
            release: mapping?.release(for: version))
    }

    private static func unreadable(_ path: String, _ problem: String) -> ImageCandidate {
        ImageCandidate(path: path, image: nil, facts: nil, loadProblem: problem, verification: nil, release: nil)
    }

    /// Whether `bytes` start like a v1 (version 0x100, magic at 8) or v2 (0x200, magic at 4)
    /// image.
    static func looksLikeImage(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 16 else { return false }
        let magic = ImageLayout.magic
        if bytes[0] == 0x00 && bytes[1] == 0x01 { return Array(bytes[8..<16]) == magic }
        if bytes[0] == 0x00 && bytes[1] == 0x02 { return Array(bytes[4..<12]) == magic }
        return false
    }

    /// The first 16 bytes of the file (fewer when shorter, none when unreadable), enough
    /// to recognise an image without reading every file of a large folder.
    private static func firstBytes(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
    }

    private static func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    /// Every regular file under `directory` (not in hidden folders), sorted.
    private static func walk(_ directory: String) throws(CatalogError) -> [String] {
        var found: [String] = []
        func visit(_ folder: String, depth: Int) throws(CatalogError) {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                if depth == 0 { throw .unreadable(folder, reason: (error as NSError).localizedDescription) }
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = folder + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if depth + 1 < maximumDepth { try visit(path, depth: depth + 1) }
                } else {
                    found.append(path)
                }
            }
        }
        try visit(directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory, depth: 0)
        return found.sorted()
    }
}

/// Why an image folder could not be searched.
public enum CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path is not an existing directory.
    case notADirectory(String)
    /// The directory could not be listed.
    case unreadable(String, reason: String)
    /// A mapping file named explicitly could not be read or parsed.
    case mappingUnusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notADirectory(let path):
            return "\(path) is not a directory; give the folder that holds the module images with --images"
        case .unreadable(let path, let reason):
            return "cannot list \(path): \(reason)"
        case .mappingUnusable(let path, let reason):
            return "cannot use release metadata \(path): \(reason)"
        }
    }
}
