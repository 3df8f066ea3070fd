/// Why an image, sigstruct or build request was rejected.
///
/// Every case names the field and its byte offset (from the start of the structure named in
/// the message: the image for header fields, the sigstruct for sigstruct fields) and the
/// value that was expected, so an operator can fix the file or pick another one.
public enum ImageError: Error, Sendable, Hashable {
    /// The input ends before the named structure does.
    case truncated(structure: String, required: Int, actual: Int)
    /// The version field holds a format this tool does not know.
    case unsupportedVersion(offset: Int, actual: UInt16, expected: [UInt16])
    /// The 8-byte signature field is not "TDX-BLOB".
    case badMagic(offset: Int, actual: [UInt8], expected: String)
    /// A declared length (or the length the page counts imply) differs from the real one.
    case lengthMismatch(field: String, offset: Int, declared: Int, actual: Int)
    /// A page count is outside what the kernel or P-SEAMLDR accepts.
    case pageCountOutOfRange(field: String, offset: Int, pages: Int, allowed: ClosedRange<Int>)
    /// A numeric field is outside its allowed range.
    case valueOutOfRange(field: String, offset: Int, value: Int, allowed: ClosedRange<Int>)
    /// An offset or size is not a multiple of the required alignment.
    case misaligned(field: String, offset: Int, value: Int, alignment: Int)
    /// A reserved area holds a non-zero byte; `offset` is the first such byte.
    case reservedNotZero(field: String, offset: Int, value: UInt8)
    /// A field that has one fixed value holds another.
    case unexpectedValue(field: String, offset: Int, actual: UInt64, expected: UInt64)
    /// A build or conversion request cannot produce a valid image.
    case invalidBuildInput(String)
    /// A key could not be loaded or used.
    case keyUnusable(String)
    /// A file could not be read or written (the path and the errno or rule inside).
    case fileAccess(FileAccessError)
}

extension ImageError: CustomStringConvertible {
    /// A one-line explanation naming the field, its offset, the expected value and what to do.
    public var description: String {
        switch self {
        case .truncated(let structure, let required, let actual):
            return "truncated: the \(structure) needs at least \(required) bytes, the input has \(actual); "
                + "the file is incomplete or not a TDX module image"
        case .unsupportedVersion(let offset, let actual, let expected):
            let list = expected.map { hex($0, width: 4) }.joined(separator: " or ")
            return "version at offset \(hex(offset)) is \(hex(actual, width: 4)), expected \(list); "
                + "this is not a TDX module image of a known format"
        case .badMagic(let offset, let actual, let expected):
            return "signature at offset \(hex(offset)) is \(actual.hexString), expected \"\(expected)\"; "
                + "this is not a TDX module image"
        case .lengthMismatch(let field, let offset, let declared, let actual):
            return "\(field) at offset \(hex(offset)) declares \(declared) bytes but the input has \(actual); "
                + "the file was truncated or padded"
        case .pageCountOutOfRange(let field, let offset, let pages, let allowed):
            return "\(field) at offset \(hex(offset)) is \(pages) pages, allowed \(allowed.lowerBound)..."
                + "\(allowed.upperBound)"
        case .valueOutOfRange(let field, let offset, let value, let allowed):
            return "\(field) at offset \(hex(offset)) is \(hex(value)), allowed \(hex(allowed.lowerBound))..."
                + "\(hex(allowed.upperBound))"
        case .misaligned(let field, let offset, let value, let alignment):
            return "\(field) (offset \(hex(offset))) is \(hex(value)), which is not a multiple of \(hex(alignment))"
        case .reservedNotZero(let field, let offset, let value):
            return "reserved \(field) must be zero, but the byte at offset \(hex(offset)) is \(hex(value, width: 2))"
        case .unexpectedValue(let field, let offset, let actual, let expected):
            return "\(field) at offset \(hex(offset)) is \(hex(actual)), expected \(hex(expected))"
        case .invalidBuildInput(let reason):
            return "cannot build the image: \(reason)"
        case .keyUnusable(let reason):
            return "signing key unusable: \(reason)"
        case .fileAccess(let error):
            return error.description
        }
    }
}

private func hex(_ value: some BinaryInteger, width: Int = 1) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
}
