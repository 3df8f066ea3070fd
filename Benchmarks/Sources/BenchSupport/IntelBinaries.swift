import Foundation

/// Finds Intel's published TDX module blobs (never copied into the repo): the
/// `TDX_MODULE_BINARIES` environment variable, else `<ancestor>/shared/data/intel-tdx-module-binaries`
/// for an ancestor of the working directory or of this source file.
public enum IntelBinaries {
    /// The folder name looked for under `<ancestor>/shared/data/`.
    public static let folderName = "intel-tdx-module-binaries"

    /// The binaries folder, or nil when none is present.
    public static func folder(sourceFile: String = #filePath) -> URL? {
        let manager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["TDX_MODULE_BINARIES"] {
            return manager.fileExists(atPath: override) ? URL(fileURLWithPath: override) : nil
        }
        let starts = [URL(fileURLWithPath: manager.currentDirectoryPath), URL(fileURLWithPath: sourceFile)]
        for start in starts {
            var directory = start.standardizedFileURL
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("shared/data/\(folderName)")
                if manager.fileExists(atPath: candidate.path) { return candidate }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }

    /// The largest joined blob (`joined_files/*.blob`) in the folder, or nil.
    public static func largestBlob(in folder: URL) -> URL? {
        let joined = folder.appendingPathComponent("joined_files")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: joined.path)) ?? []
        let blobs = names.filter { $0.hasSuffix(".blob") }.map { joined.appendingPathComponent($0) }
        func size(_ url: URL) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        return blobs.max { (size($0), $0.lastPathComponent) < (size($1), $1.lastPathComponent) }
    }
}
