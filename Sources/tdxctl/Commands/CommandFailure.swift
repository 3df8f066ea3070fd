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
