/// What reading the journal gave: every whole record, oldest first, and a warning for each
/// line that was skipped. The JSON of `tdxctl history --json`.
public struct HistoryContents: Encodable, Sendable, Equatable {
    /// The records, in the order they were appended (oldest first).
    public var records: [HistoryRecord]
    /// The lines skipped, in file order.
    public var warnings: [HistoryWarning]

    /// Contents from their parts.
    public init(records: [HistoryRecord] = [], warnings: [HistoryWarning] = []) {
        self.records = records
        self.warnings = warnings
    }

    /// The contents with only the newest `count` records (warnings kept).
    public func suffix(_ count: Int) -> HistoryContents {
        HistoryContents(records: Array(records.suffix(count)), warnings: warnings)
    }
}
