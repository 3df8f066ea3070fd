import Foundation

/// A TDX module version `major.minor.update`, as in Intel's file names (`tdx_module_1.5.06`).
public struct ModuleVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Major version (1 for TDX 1.x).
    public var major: Int
    /// Minor version.
    public var minor: Int
    /// Update version; Intel writes it with two digits.
    public var update: Int

    /// Creates a version from its parts.
    public init(major: Int, minor: Int, update: Int) {
        self.major = major
        self.minor = minor
        self.update = update
    }

    /// Parses `"1.5.06"` (three dot-separated decimal numbers); nil for anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 5 && $0.allSatisfy(\.isASCII) }),
            let major = Int(parts[0]), let minor = Int(parts[1]), let update = Int(parts[2]),
            major >= 0, minor >= 0, update >= 0
        else { return nil }
        self.init(major: major, minor: minor, update: update)
    }

    /// Finds `tdx_module_X.Y.Z` in a file name or path (e.g. `.../tdx_module_1.5.06.blob`).
    public init?(fileName: String) {
        guard let marker = fileName.range(of: "tdx_module_", options: .backwards) else { return nil }
        let rest = fileName[marker.upperBound...]
        var numbers: [Substring] = []
        var remaining = rest[...]
        for index in 0..<3 {
            let digits = remaining.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty else { return nil }
            numbers.append(digits)
            remaining = remaining[digits.endIndex...]
            if index < 2 {
                guard remaining.first == "." else { return nil }
                remaining = remaining.dropFirst()
            }
        }
        self.init(numbers.joined(separator: "."))
    }

    /// Orders by major, then minor, then update.
    public static func < (lhs: ModuleVersion, rhs: ModuleVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.update) < (rhs.major, rhs.minor, rhs.update)
    }

    /// `major.minor.update` with the update as two digits, as Intel names releases.
    public var description: String {
        let update = update < 10 ? "0\(update)" : "\(update)"
        return "\(major).\(minor).\(update)"
    }
}
