import Crypto

/// SHA-256 of a sigstruct's 384 modulus bytes exactly as stored (little-endian): a short,
/// stable name for the key that signed an image.
public struct KeyFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Intel's production TDX module signing key (every published release uses it).
    public static let intelProduction = KeyFingerprint(
        hex: "c821f41f83e0dc73e272852ffc176bcd9ae1e93a4fccec88772c9b4ff2eaa75f")!

    /// This project's RSA-3072 test key (``ProjectTestKey``), which signs generated fixtures.
    public static let projectTestKey = KeyFingerprint(
        hex: "4c3a4fcdeed3c91043b8a28e8ed5048423f4eb0f83ca089a66717694423a52bd")!

    /// Fingerprints the modulus bytes as stored in a sigstruct.
    public init(modulusAsStored modulus: some Sequence<UInt8>) {
        var hasher = SHA256()
        hasher.update(data: Array(modulus))
        bytes = Array(hasher.finalize())
    }

    /// Parses 64 hexadecimal digits (either case); nil for anything else.
    public init?(hex text: String) {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var result = [UInt8]()
        result.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        bytes = result
    }

    /// The 64 lower-case hexadecimal digits.
    public var hex: String { bytes.hexString }

    /// Same as ``hex``.
    public var description: String { hex }

    /// Decodes from the hex string.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = KeyFingerprint(hex: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected 64 hex digits, got \(text)"))
        }
        self = value
    }

    /// Encodes as the hex string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

private func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
    default: return nil
    }
}
