/// How wide a label is drawn, estimated without a font: 0.62 em per character is at or
/// above the average advance of DejaVu Sans, Verdana and Arial for the labels drawn here
/// (digits, lower-case letters, "µ"), so placing labels by this width keeps them apart.
enum TextMetrics {
    static let emPerCharacter = 0.62

    static func width(_ text: String, size: Double) -> Double {
        Double(text.count) * size * emPerCharacter
    }

    /// `text` cut (with "…") so that it is at most `width` wide at `size`.
    static func truncated(_ text: String, size: Double, width: Double) -> String {
        let fitting = Int(width / (size * emPerCharacter))
        guard text.count > fitting else { return text }
        return String(text.prefix(max(0, fitting - 1))) + "…"
    }
}
