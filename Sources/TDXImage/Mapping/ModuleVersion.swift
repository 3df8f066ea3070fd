/// A TDX module or P-SEAMLDR version, "major.minor.update" (e.g. 1.5.08).
///
/// The kernel prints versions with the update zero-padded to two digits; Intel's file
/// names and `mapping_file.json` use the same form. Ordering compares major, then minor,
/// then update, so 1.5.16 > 1.5.09 (Intel's script compared only the update number).
public struct ModuleVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The major version (1 in 1.5.08).
    public let major: Int
    /// The minor version (5 in 1.5.08).
    public let minor: Int
    /// The update number (8 in 1.5.08): the z-stream a TD-preserving update moves along.
    public let update: Int

    /// A version from its three components.
    public init(major: Int, minor: Int, update: Int) {
        self.major = major
        self.minor = minor
        self.update = update
    }

    /// Parses "major.minor.update" (decimal components, surrounding whitespace such as
    /// sysfs's trailing newline ignored). Returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingWhitespace()
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(part)
            else { return nil }
            numbers.append(number)
        }
        self.init(major: numbers[0], minor: numbers[1], update: numbers[2])
    }

    /// "major.minor" (e.g. "1.5"): the series within which TD-preserving updates are allowed.
    public var series: String { "\(major).\(minor)" }

    /// Whether `other` has the same major and minor version (the same series).
    public func isSameSeries(as other: ModuleVersion) -> Bool {
        major == other.major && minor == other.minor
    }

    /// The kernel's form: "major.minor.update" with the update zero-padded to two digits.
    public var description: String {
        let paddedUpdate = update < 10 ? "0\(update)" : "\(update)"
        return "\(major).\(minor).\(paddedUpdate)"
    }

    public static func < (lhs: ModuleVersion, rhs: ModuleVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.update) < (rhs.major, rhs.minor, rhs.update)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, carriage returns and newlines.
    fileprivate func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        var text = Substring(self)
        while let first = text.first, isSpace(first) { text = text.dropFirst() }
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        return text
    }
}
