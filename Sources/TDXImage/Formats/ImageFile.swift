import Foundation

/// Reading and writing image files, with failures as ``ImageError/fileAccess(path:reason:)``.
public enum ImageFile {
    /// The whole file at `path`.
    public static func read(_ path: String) throws(ImageError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .fileAccess(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Writes `bytes` to `path` atomically (a partial image is never left behind).
    public static func write(_ bytes: [UInt8], to path: String) throws(ImageError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .fileAccess(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}

extension ModuleImage {
    /// Reads and parses the image file at `path`.
    public init(contentsOf path: String) throws(ImageError) {
        try self.init(parsing: try ImageFile.read(path))
    }
}
