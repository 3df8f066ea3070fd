import Foundation

extension ChildRun {
    /// Standard output read as one JSON object, as `tdxctl ... --json` prints it.
    public func json() throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw NotAJSONObject(stdout: stdout)
        }
        return object
    }
}

/// Standard output that is not one JSON object; the error shows what it was.
public struct NotAJSONObject: Error, CustomStringConvertible {
    /// What the program printed.
    public let stdout: String

    public var description: String { "standard output is not a JSON object: \(stdout)" }
}
