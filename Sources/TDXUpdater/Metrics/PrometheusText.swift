/// Writes metric families in Prometheus's text exposition format 0.0.4: for each family
/// with samples, `# HELP`, `# TYPE` and one line per sample, label values and help text
/// escaped as the format requires.
public enum PrometheusText {
    /// The exposition of `metrics`, each line ending in a newline; families without samples
    /// are left out (an unknown value is absent, not zero).
    public static func render(_ metrics: [PrometheusMetric]) -> String {
        var text = ""
        for metric in metrics where !metric.samples.isEmpty {
            text += "# HELP \(metric.name) \(escapeHelp(metric.help))\n"
            text += "# TYPE \(metric.name) \(metric.kind.rawValue)\n"
            for sample in metric.samples {
                text += metric.name
                if !sample.labels.isEmpty {
                    text += "{"
                    text += sample.labels.map { "\($0.name)=\"\(escapeLabelValue($0.value))\"" }.joined(separator: ",")
                    text += "}"
                }
                text += " \(formatValue(sample.value))\n"
            }
        }
        return text
    }

    /// A label value with `\`, `"` and newline escaped as `\\`, `\"` and `\n`.
    public static func escapeLabelValue(_ value: String) -> String {
        escape(value, quotes: true)
    }

    /// Help text with `\` and newline escaped as `\\` and `\n`.
    public static func escapeHelp(_ help: String) -> String {
        escape(help, quotes: false)
    }

    /// A value as the format writes it: integers without a fraction, `NaN`, `+Inf`, `-Inf`.
    public static func formatValue(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            case "\"" where quotes: escaped.append(contentsOf: "\\\"".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
