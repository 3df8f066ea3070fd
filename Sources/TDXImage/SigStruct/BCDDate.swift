/// A date stored as binary-coded decimal `0xYYYYMMDD`, as in the sigstruct's `date` field.
public struct BCDDate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The raw field value, e.g. 0x20231008 for 2023-10-08.
    public let rawValue: UInt32

    /// Wraps a raw field value; no validation, the field is informational.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Encodes a calendar date. Each part's magnitude is taken modulo its digit count.
    public init(year: Int, month: Int, day: Int) {
        func bcd(_ value: Int, digits: Int) -> UInt32 {
            var result: UInt32 = 0
            var rest = value.magnitude
            for position in 0..<digits {
                result |= UInt32(rest % 10) << (4 * position)
                rest /= 10
            }
            return result
        }
        rawValue = bcd(year, digits: 4) << 16 | bcd(month, digits: 2) << 8 | bcd(day, digits: 2)
    }

    /// `yyyy-mm-dd` when every nibble is a decimal digit, else the raw value in hex.
    public var description: String {
        let digits = (0..<8).reversed().map { (rawValue >> (4 * UInt32($0))) & 0xF }
        guard digits.allSatisfy({ $0 <= 9 }) else {
            return "0x" + String(rawValue, radix: 16)
        }
        let text = digits.map(String.init).joined()
        let year = text.prefix(4)
        let month = text.dropFirst(4).prefix(2)
        let day = text.suffix(2)
        return "\(year)-\(month)-\(day)"
    }
}
