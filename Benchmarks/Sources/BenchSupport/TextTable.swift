import Foundation

/// A plain-text table with a header row and right-aligned numeric columns.
public struct TextTable: Sendable {
    /// Column titles.
    public let header: [String]
    /// Data rows; each has as many cells as `header`.
    public private(set) var rows: [[String]] = []

    /// Creates an empty table with the given column titles.
    public init(header: [String]) { self.header = header }

    /// Appends a row (padded or truncated to the header's width).
    public mutating func append(_ row: [String]) {
        var cells = Array(row.prefix(header.count))
        while cells.count < header.count { cells.append("") }
        rows.append(cells)
    }

    /// The table as lines of text: first column left-aligned, the others right-aligned.
    public func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Formats ns for tables: one decimal below 1000 ns, then µs and ms.
public func formatNs(_ ns: Double) -> String {
    guard ns.isFinite else { return "n/a" }
    if ns < 1_000 { return String(format: "%.1f ns", ns) }
    if ns < 1_000_000 { return String(format: "%.2f µs", ns / 1_000) }
    return String(format: "%.2f ms", ns / 1_000_000)
}

/// Formats a ratio as "1.23x".
public func formatRatio(_ ratio: Double) -> String {
    guard ratio.isFinite else { return "n/a" }
    return ratio < 10 ? String(format: "%.2fx", ratio) : String(format: "%.0fx", ratio)
}
