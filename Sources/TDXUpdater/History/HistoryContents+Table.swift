extension HistoryContents {
    /// The records as an aligned table for a terminal, oldest first (newest last, next to
    /// the prompt): time, result, exit status, versions before and after, duration, message.
    public var lines: [String] {
        let header = ["TIME", "RESULT", "EXIT", "BEFORE", "AFTER", "DURATION", "MESSAGE"]
        let rows = records.map { record in
            [
                record.time, record.refusal.map { "\(record.result) (\($0))" } ?? record.result,
                String(record.exitCode), record.versionBefore ?? "-", record.versionAfter ?? "-",
                Duration.milliseconds(Int64((record.durationSeconds * 1000).rounded())).secondsText,
                record.message,
            ]
        }
        let all = [header] + rows
        let widths = (0..<header.count - 1).map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (column, width) in widths.enumerated() { line += row[column].padding(toLength: width + 2) }
            return line + row[header.count - 1]
        }
    }
}
