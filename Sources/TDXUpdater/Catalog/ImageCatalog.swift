import TDXImage
import TDXSysfs

/// The module images in a folder, each parsed, verified, matched with its release metadata
/// and its version label checked against its signed facts.
///
/// Two layouts are understood, both by walking the folder (``ImageFolderWalk``: links not
/// followed, one file system, no kernel or device trees, mount points skipped, depth 4,
/// 10,000 entries):
/// - Intel's repository (intel/tdx-module-binaries): `mapping_file.json` at the top,
///   v1 blobs under `joined_files/` (flat or in "a.b" folders), `.bin` + `.sigstruct`
///   pairs under `separate_files/`;
/// - a flat folder of v1 blobs, v2 images and `.bin` + `.sigstruct` pairs, with an
///   optional `mapping_file.json` (or one named with `mappingPath`).
///
/// A file is an image candidate when its name ends in `.blob`, `.img` or `.image`, or
/// its first bytes carry the TDX-BLOB signature. Hidden entries (`.git`) are ignored.
/// Every file is read bounded (``ImageFile``); only a summary of each image is kept.
public struct ImageCatalog: Sendable {
    /// The folder searched (its canonical path).
    public let directory: String
    /// The release metadata used, nil when none was found or it was unreadable.
    public let mapping: ReleaseMapping?
    /// Where the release metadata came from, nil when none was found.
    public let mappingPath: String?
    /// Why the release metadata could not be used, nil when it could (or none was expected).
    public let mappingProblem: String?
    /// Every image found, in path order.
    public let candidates: [ImageCandidate]
    /// Entries of the folder passed over (links, FIFOs, devices, mounts, ...), with why.
    public let skipped: [SkippedEntry]
    /// The walk stopped at its entry limit: the folder holds more than was examined.
    public let stoppedAtEntryLimit: Bool

    /// Searches `directory` and judges every image against `trust`.
    /// - Parameters:
    ///   - mappingPath: release metadata to use instead of `directory/mapping_file.json`.
    ///   - mounts: the mount table whose mount points the walk skips (nil: this process's).
    ///   - limits: the walk's depth and entry caps.
    /// - Throws: ``CatalogError`` when the folder cannot be searched, or a named mapping file
    ///   cannot be read or parsed.
    public init(
        directory: String, mappingPath: String? = nil, trust: TrustPolicy, mounts: MountTable? = nil,
        limits: ImageFolderWalk.Limits = ImageFolderWalk.Limits()
    ) throws(CatalogError) {
        let walk: ImageFolderWalk
        do {
            walk = try ImageFolderWalk(directory: directory, mounts: mounts, limits: limits)
        } catch {
            throw .folder(error)
        }
        self.directory = walk.root
        let files = Set(walk.files.map(\.path))

        let defaultMapping = walk.root + "/mapping_file.json"
        let chosenMapping = mappingPath ?? (files.contains(defaultMapping) ? defaultMapping : nil)
        var mapping: ReleaseMapping?
        var mappingProblem: String?
        if let chosenMapping {
            do {
                mapping = try Self.readMapping(chosenMapping)
                if let problems = mapping?.problems, !problems.isEmpty {
                    mappingProblem = problems.map(\.description).joined(separator: "; ")
                }
            } catch {
                if mappingPath != nil { throw error }
                mappingProblem = error.description
            }
        }
        self.mapping = mapping
        self.mappingPath = chosenMapping
        self.mappingProblem = mappingProblem

        var candidates: [ImageCandidate] = []
        for file in walk.files {
            let path = file.path
            if path.hasSuffix(".bin") {
                let sigstructPath = String(path.dropLast(4)) + ".sigstruct"
                if files.contains(sigstructPath) {
                    candidates.append(
                        Self.judge(path: path, origin: .pair(sigstructPath: sigstructPath), mapping, trust))
                }
                continue
            }
            if path.hasSuffix(".sigstruct") || path.hasSuffix(".json") { continue }
            let named = [".blob", ".img", ".image"].contains { path.hasSuffix($0) }
            guard named || Self.startsLikeImage(file) else { continue }
            candidates.append(Self.judge(path: path, origin: .file, mapping, trust))
        }
        self.candidates = Self.checkingClaims(candidates)
        self.skipped = walk.skipped
        self.stoppedAtEntryLimit = walk.stoppedAtEntryLimit
    }

    /// Judges an image already in memory the way a found file is judged (its path only
    /// names it: a `tdx_module_X.Y.Z` name gives its version when the sigstruct has none).
    public static func candidate(
        path: String, bytes: [UInt8], mapping: ReleaseMapping?, trust: TrustPolicy
    ) -> ImageCandidate {
        judge(path: path, origin: .inMemory(bytes), mapping, trust)
    }

    /// Reads and parses one image (a pair joined into v2), bounded by each file's role.
    static func load(path: String, origin: ImageCandidate.Origin) throws(ImageLoadProblem) -> ModuleImage {
        switch origin {
        case .inMemory(let bytes):
            do {
                return try ModuleImage(parsing: bytes)
            } catch {
                throw .image(path: path, error)
            }
        case .file:
            let bytes: [UInt8]
            do {
                bytes = try ImageFile.read(path, role: .image)
            } catch {
                throw .file(error)
            }
            do {
                return try ModuleImage(parsing: bytes)
            } catch {
                throw .image(path: path, error)
            }
        case .pair(let sigstructPath):
            let module: [UInt8]
            let sigstruct: [UInt8]
            do {
                module = try ImageFile.read(path, role: .moduleBinary)
                sigstruct = try ImageFile.read(sigstructPath, role: .sigstruct)
            } catch {
                throw .file(error)
            }
            do {
                return try ImageBuilder.join(module: module, sigstruct: sigstruct, format: .v2)
            } catch {
                throw .image(path: path, error)
            }
        }
    }

    private static func judge(
        path: String, origin: ImageCandidate.Origin, _ mapping: ReleaseMapping?, _ trust: TrustPolicy
    ) -> ImageCandidate {
        let image: ModuleImage
        do {
            image = try load(path: path, origin: origin)
        } catch {
            return ImageCandidate(
                path: path, origin: origin, summary: nil, facts: nil, loadProblem: error, verification: nil,
                release: nil)
        }
        let verification = image.verify(trusting: trust)
        let summary = ImageSummary(image, moduleSHA384: verification.moduleHash)
        guard let version = image.version(fileName: lastComponent(path)) else {
            return ImageCandidate(
                path: path, origin: origin, summary: summary, facts: nil, loadProblem: .versionUnknown(path: path),
                verification: verification, release: nil)
        }
        let sigstruct = image.sigstruct
        let facts = ImageFacts(
            version: version, isDebug: sigstruct.isDebug,
            supportedCPUs: sigstruct.cpuidTable.map(CPUIDSignature.init(rawValue:)), svn: sigstruct.svn,
            date: sigstruct.date)
        return ImageCandidate(
            path: path, origin: origin, summary: summary, facts: facts, loadProblem: nil, verification: verification,
            release: mapping?.release(for: version))
    }

    /// Each candidate with the contradictions between its version label and its signed
    /// facts, alone and across the catalog (``VersionClaimCheck``).
    static func checkingClaims(_ candidates: [ImageCandidate]) -> [ImageCandidate] {
        var claims: [VersionClaim] = []
        var owners: [Int] = []
        for (index, candidate) in candidates.enumerated() {
            guard let summary = candidate.summary, candidate.facts != nil,
                let claim = VersionClaim(
                    path: candidate.path, sigstruct: summary.sigstruct,
                    signatureValid: candidate.verification?.signatureValid ?? false)
            else { continue }
            claims.append(claim)
            owners.append(index)
        }
        var checked = candidates
        for (position, conflicts) in VersionClaimCheck.conflicts(among: claims).enumerated() where !conflicts.isEmpty {
            checked[owners[position]] = checked[owners[position]].with(claimConflicts: conflicts)
        }
        return checked
    }

    private static func readMapping(_ path: String) throws(CatalogError) -> ReleaseMapping {
        let bytes: [UInt8]
        do {
            bytes = try ImageFile.read(path, role: .mappingFile)
        } catch {
            throw .mappingUnreadable(error)
        }
        do {
            return try ReleaseMapping(jsonBytes: bytes)
        } catch {
            throw .mappingInvalid(path: path, error)
        }
    }

    /// Whether a file not named like an image starts like one (v1: version 0x100, magic at
    /// 8; v2: 0x200, magic at 4). Files that cannot be images by size are not opened.
    private static func startsLikeImage(_ file: ImageFolderWalk.File) -> Bool {
        guard file.size >= 16, file.size <= Int64(FileRole.image.maximumSize),
            let bytes = try? ImageFile.readPrefix(file.path, count: 16)
        else { return false }
        return looksLikeImage(bytes)
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
}

/// The last component of a `/`-separated path.
private func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

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
