/// An SVG document written as text: elements with escaped attribute values and text, and
/// numbers with at most two decimals (a hundredth of a pixel is below what any renderer
/// shows, and short numbers keep a 256-CPU picture small).
struct SVGDocument {
    private(set) var text: String

    init(width: Double, height: Double, title: String, description: String) {
        text = ""
        text.reserveCapacity(64 * 1024)
        text += #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        text += #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1""#
        text += #" width="\#(Self.number(width))" height="\#(Self.number(height))""#
        text += #" viewBox="0 0 \#(Self.number(width)) \#(Self.number(height))""#
        text += #" font-family="DejaVu Sans, Verdana, Arial, sans-serif">"# + "\n"
        element("title", text: title)
        element("desc", text: description)
        rect(x: 0, y: 0, width: width, height: height, attributes: [("fill", "#ffffff")])
    }

    /// The finished document.
    mutating func finish() -> String {
        text += "</svg>\n"
        return text
    }

    /// Opens a group with `attributes`; every `open` needs a `close`.
    mutating func open(_ name: String = "g", attributes: [(String, String)] = []) {
        text += "<" + name
        append(attributes)
        text += ">"
        text += "\n"
    }

    /// Closes the innermost open element named `name`.
    mutating func close(_ name: String = "g") {
        text += "</" + name + ">\n"
    }

    /// A leaf element with optional text content.
    mutating func element(_ name: String, attributes: [(String, String)] = [], text content: String? = nil) {
        text += "<" + name
        append(attributes)
        if let content {
            text += ">"
            Self.escape(content, into: &text)
            text += "</" + name + ">\n"
        } else {
            text += "/>\n"
        }
    }

    /// A rectangle, with an optional `<title>` tooltip.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, attributes: [(String, String)] = [],
        title: String? = nil
    ) {
        text += #"<rect x="\#(Self.number(x))" y="\#(Self.number(y))""#
        text += #" width="\#(Self.number(width))" height="\#(Self.number(height))""#
        append(attributes)
        if let title {
            text += "><title>"
            Self.escape(title, into: &text)
            text += "</title></rect>\n"
        } else {
            text += "/>\n"
        }
    }

    /// A line from (x1, y1) to (x2, y2).
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, attributes: [(String, String)] = []) {
        text += #"<line x1="\#(Self.number(x1))" y1="\#(Self.number(y1))""#
        text += #" x2="\#(Self.number(x2))" y2="\#(Self.number(y2))""#
        append(attributes)
        text += "/>\n"
    }

    /// A text label at (x, y) (the baseline), anchored `start`, `middle` or `end`.
    mutating func label(
        _ content: String, x: Double, y: Double, size: Double, anchor: TextAnchor = .start,
        attributes: [(String, String)] = []
    ) {
        text += #"<text x="\#(Self.number(x))" y="\#(Self.number(y))" font-size="\#(Self.number(size))""#
        if anchor != .start { text += #" text-anchor="\#(anchor.rawValue)""# }
        append(attributes)
        text += ">"
        Self.escape(content, into: &text)
        text += "</text>\n"
    }

    private mutating func append(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            text += " " + name + "=\""
            Self.escape(value, into: &text)
            text += "\""
        }
    }

    /// `value` with the five XML special characters escaped, appended to `output`.
    static func escape(_ value: String, into output: inout String) {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else {
            output += value
            return
        }
        for character in value.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.unicodeScalars.append(character)
            }
        }
    }

    /// `value` rounded to hundredths, without trailing zeros ("12.5", "3", "-0.25").
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded())
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var result = hundredths < 0 ? "-" : ""
        result += String(whole)
        if fraction != 0 {
            result += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return result
    }
}

/// Where a text label's x lies on it.
enum TextAnchor: String {
    case start, middle, end
}
