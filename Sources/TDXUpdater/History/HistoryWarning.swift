/// A line of the journal that is not a whole record: skipped when reading, reported with
/// where it is, so one interrupted write never hides the records around it.
public struct HistoryWarning: Encodable, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the line.
    public enum Kind: String, Encodable, Hashable, Sendable {
        /// The last line has no newline: a write that was interrupted (crash, power loss,
        /// SIGKILL) before the whole record reached the file.
        case tornTail = "torn_tail"
        /// A line with a newline that is not a record: a torn write that later appends
        /// continued after, or text that is not a history record.
        case invalidLine = "invalid_line"
    }

    /// What is wrong.
    public let kind: Kind
    /// The journal.
    public let path: String
    /// The line's number, from 1.
    public let line: Int
    /// Where the line starts, in bytes from the start of the file.
    public let offset: Int
    /// The line's length in bytes, without its newline.
    public let length: Int
    /// Why the line is not a record ("no newline", "not JSON", "missing \"result\"").
    public let reason: String

    enum CodingKeys: String, CodingKey {
        case kind, path, line, offset, length, reason, message
    }

    /// Encodes the fields and the sentence of `description` as `message`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(path, forKey: .path)
        try container.encode(line, forKey: .line)
        try container.encode(offset, forKey: .offset)
        try container.encode(length, forKey: .length)
        try container.encode(reason, forKey: .reason)
        try container.encode(description, forKey: .message)
    }

    /// One sentence naming the file, the line and what was done with it.
    public var description: String {
        switch kind {
        case .tornTail:
            return "\(path): line \(line) (\(length) bytes at offset \(offset)) is incomplete (\(reason)): "
                + "an interrupted write; skipped"
        case .invalidLine:
            return "\(path): line \(line) (\(length) bytes at offset \(offset)) is not a history record "
                + "(\(reason)); skipped"
        }
    }
}
