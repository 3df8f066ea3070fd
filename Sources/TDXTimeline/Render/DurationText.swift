/// Durations and instants as people read them: "850 ns", "12.3 µs", "4.56 ms", "1.2 s".
enum DurationText {
    static func format(_ ns: UInt64) -> String { format(Double(ns)) }

    static func format(_ ns: Double) -> String {
        let magnitude = abs(ns)
        let (value, unit): (Double, String) =
            switch magnitude {
            case ..<1_000: (ns, "ns")
            case ..<1_000_000: (ns / 1_000, "µs")
            case ..<1_000_000_000: (ns / 1_000_000, "ms")
            default: (ns / 1_000_000_000, "s")
            }
        return significant(value) + " " + unit
    }

    /// Three significant digits at most ("123", "12.3", "1.23"), no trailing zeros.
    static func significant(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
        return fixed(value, decimals: decimals)
    }

    /// `value` with `decimals` decimals (0 to 3), trailing zeros dropped.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = [1.0, 10, 100, 1000][min(max(decimals, 0), 3)]
        let scaled = Int((value * scale).rounded())
        let magnitude = scaled.magnitude
        let divisor = UInt(scale)
        var whole = String(magnitude / divisor)
        var fraction = magnitude % divisor
        if scaled < 0 { whole = "-" + whole }
        guard fraction != 0 else { return whole }
        var digits = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return whole + "." + String(repeating: "0", count: digits - text.count) + text
    }
}
