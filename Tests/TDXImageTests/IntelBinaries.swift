import Foundation

/// Locates Intel's published module binaries for tests: `TDX_MODULE_BINARIES`, else the
/// first ancestor of this file with `shared/data/intel-tdx-module-binaries`. Nil when absent,
/// and tests that need them skip.
enum IntelBinaries {
    static let folder: URL? = {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["TDX_MODULE_BINARIES"] {
            return fileManager.fileExists(atPath: override) ? URL(fileURLWithPath: override) : nil
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/intel-tdx-module-binaries")
            if fileManager.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    static var available: Bool { folder != nil }

    /// The published v1 blobs, sorted by name.
    static var blobs: [URL] {
        guard let folder else { return [] }
        let joined = folder.appendingPathComponent("joined_files")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: joined.path)) ?? []
        return names.filter { $0.hasSuffix(".blob") }.sorted().map { joined.appendingPathComponent($0) }
    }

    /// Pairs of (`.bin`, `.sigstruct`) from `separate_files/<version>/`.
    static var separatePairs: [(bin: URL, sigstruct: URL)] {
        guard let folder else { return [] }
        let separate = folder.appendingPathComponent("separate_files")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: separate.path)) ?? []
        return versions.sorted().compactMap { version in
            let directory = separate.appendingPathComponent(version)
            let bin = directory.appendingPathComponent("tdx_module_\(version).bin")
            let sigstruct = directory.appendingPathComponent("tdx_module_\(version).sigstruct")
            let exists =
                FileManager.default.fileExists(atPath: bin.path)
                && FileManager.default.fileExists(atPath: sigstruct.path)
            return exists ? (bin, sigstruct) : nil
        }
    }

    static func read(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}
