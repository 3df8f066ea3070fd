import Foundation
import TDXImage
import TDXSysfs

@testable import TDXUpdater

/// Intel's eleven releases as fixtures: the mapping entries of spec section 6.1 and the
/// CPUID tables of section 3.3, so selection is covered without the shared folder. When
/// the shared folder exists, a test checks these against the real mapping file.
enum IntelReleases {
    static func version(_ text: String) -> ModuleVersion { ModuleVersion(text)! }

    static let sapphireRapids: UInt32 = 0x806F0
    static let emeraldRapids: UInt32 = 0xC06F0
    static let sierraForest: UInt32 = 0xA06F0
    static let graniteRapids: UInt32 = 0xA06D0
    static let graniteRapidsD: UInt32 = 0xA06E0

    /// (version, minimum TD-preserving, loaders, features, CPUID table)
    static let table: [(String, String, [String], UInt64, [UInt32])] = [
        ("1.5.01", "1.5.01", ["1.5.00"], 0xF0FBF, [0x806F8, 0xC06F0]),
        ("1.5.05", "1.5.01", ["1.5.00", "2.0.00"], 0x61F0FBF, [0x806F8, 0xC06F0, 0xA06F0]),
        ("1.5.06", "1.5.01", ["1.5.00", "2.0.00"], 0x2E1F0FBF, [0x806F8, 0xC06F0, 0xA06F0]),
        ("1.5.08", "1.5.01", ["1.5.00", "2.0.00"], 0x22E1F0FBF, [0x806F8, 0xC06F0, 0xA06F0]),
        ("1.5.09", "1.5.01", ["1.5.00", "2.0.00"], 0x26F1F0FBF, [0x806F8, 0xC06F0, 0xA06F0]),
        ("1.5.13", "1.5.01", ["1.5.00", "2.0.00"], 0x226F1F0FBF, [0x806F8, 0xC06F0, 0xA06F0]),
        ("1.5.16", "1.5.01", ["1.5.00", "2.0.00"], 0x226F3F0FBF, [0x806F8, 0xC06F0, 0xA06F0]),
        ("2.0.02", "2.0.02", ["2.0.00"], 0x22E1F0FBF, [0xA06D0]),
        ("2.0.04", "2.0.04", ["2.0.00"], 0x12AF1F0FBF, [0xA06D0, 0xA06E0]),
        ("2.0.05", "2.0.04", ["2.0.00"], 0x226F3F0FBF, [0xA06D0, 0xA06E0]),
        ("2.0.08", "2.0.04", ["2.0.00"], 0x32A71F0FBF, [0xA06D0, 0xA06E0]),
    ]

    static let mapping = ReleaseMapping(
        releases: table.map { entry in
            ModuleRelease(
                version: version(entry.0), minimumVersionForTDPreserving: version(entry.1),
                minimumSeamldrVersions: entry.2.map(version), tdxFeatures0: entry.3)
        })

    static func cpuidTable(for version: ModuleVersion) -> [UInt32] {
        table.first { self.version($0.0) == version }?.4 ?? []
    }

    /// Candidates with facts only (no image bytes): what selection needs, with the SVN and
    /// build date Intel signed each release with.
    static func factCandidates(debug: Set<String> = []) -> [ImageCandidate] {
        table.map { entry in
            let release = mapping.release(for: version(entry.0))
            let published = PublishedReleases.release(for: version(entry.0))!
            return ImageCandidate(
                path: "joined_files/tdx_module_\(entry.0).blob", summary: nil,
                facts: ImageFacts(
                    version: version(entry.0), isDebug: debug.contains(entry.0),
                    supportedCPUs: entry.4.map(CPUIDSignature.init(rawValue:)), svn: published.svn,
                    date: published.buildDate),
                loadProblem: nil, verification: nil, release: release)
        }
    }
}

/// Intel's published binaries in the shared folder, when present.
enum IntelRepository {
    static let folder: String? = {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["TDX_MODULE_BINARIES"] {
            return fileManager.fileExists(atPath: override) ? override : nil
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/intel-tdx-module-binaries")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("mapping_file.json").path) {
                return candidate.path
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    static var available: Bool { folder != nil }
}
