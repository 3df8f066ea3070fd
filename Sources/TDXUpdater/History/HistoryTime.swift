import Foundation

/// The journal's clock format: RFC 3339 in UTC with milliseconds, e.g.
/// "2026-12-03T10:15:30.123Z" (sorts as text in time order).
public enum HistoryTime {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let wholeSeconds = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// `date` in the journal's format.
    public static func format(_ date: Date) -> String {
        style.format(date)
    }

    /// The instant written as `text` (with or without fractional seconds), nil when `text`
    /// is not RFC 3339.
    public static func parse(_ text: String) -> Date? {
        (try? style.parse(text)) ?? (try? wholeSeconds.parse(text))
    }
}

extension HistoryRecord {
    /// Seconds since the Unix epoch at `time`, nil when `time` does not parse.
    public var secondsSinceEpoch: Double? {
        HistoryTime.parse(time)?.timeIntervalSince1970
    }
}
