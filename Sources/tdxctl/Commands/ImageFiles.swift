import TDXImage

/// ``ImageFile``'s bounded reads and atomic writes with failures as
/// ``ImageError/fileAccess(_:)``, the one error type the image commands report.
enum ImageFiles {
    static func read(_ path: String, role: FileRole) throws(ImageError) -> [UInt8] {
        do {
            return try ImageFile.read(path, role: role)
        } catch {
            throw .fileAccess(error)
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(ImageError) {
        do {
            try ImageFile.write(bytes, to: path)
        } catch {
            throw .fileAccess(error)
        }
    }
}
