/// Text read from a host file, made safe to show in a message or a report: control
/// characters cannot move the terminal's cursor or forge a line, and a file of kilobytes
/// cannot bury the message it appears in.
public enum ShownText {
    /// The most characters shown of one file's content.
    public static let limit = 200

    /// `text` with line breaks and tabs turned into single spaces, every other control
    /// character (C0, DEL, C1, and U+2028/U+2029) removed, surrounding spaces trimmed, and
    /// cut to `limit` characters with a note of how many more there were.
    public static func clean(_ text: some StringProtocol, limit: Int = ShownText.limit) -> String {
        var cleaned = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == " " {
                pendingSpace = !cleaned.isEmpty
            } else if isControl(scalar) {
                continue
            } else {
                if pendingSpace { cleaned.unicodeScalars.append(" ") }
                pendingSpace = false
                cleaned.unicodeScalars.append(scalar)
            }
        }
        guard cleaned.count > limit else { return cleaned }
        let more = cleaned.count - limit
        return String(cleaned.prefix(limit)) + "... (\(more) more characters)"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
            || scalar.value == 0x2029 || scalar.properties.generalCategory == .format
    }
}
