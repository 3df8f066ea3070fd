import ArgumentParser
import Foundation
import TDXImage

/// How `--json` commands report an error: one object with the message, and exit status 1.
struct CommandFailure: Encodable {
    let error: String
    let file: String?

    static func report(_ error: ImageError, file: String?, json: Bool) throws -> ExitCode {
        if json {
            try printJSON(CommandFailure(error: error.description, file: file))
        } else {
            printError(file.map { "\($0): \(error)" } ?? "\(error)")
        }
        return .failure
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    var stream = StandardError()
    print("tdxctl: " + line, to: &stream)
}

private struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

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
