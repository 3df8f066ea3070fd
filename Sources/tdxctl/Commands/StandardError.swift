import Foundation

/// Writes a line to standard error.
func printError(_ line: String) {
    var stream = StandardError()
    print("tdxctl: " + line, to: &stream)
}

/// Standard error as a `TextOutputStream`, for `print(_:to:)`.
private struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
