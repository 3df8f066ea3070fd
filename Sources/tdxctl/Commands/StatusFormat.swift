import ArgumentParser
import TDXUpdater

/// `status --format`: aligned text, one JSON object, or Prometheus metrics.
enum StatusFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
    case prometheus
}

extension StatusCommand {
    /// Prints `report` and the last recorded update as metrics for node_exporter's textfile
    /// collector. An unreadable journal or a skipped line is a warning on stderr; the
    /// metrics from the host are printed regardless.
    func printMetrics(_ report: StatusReport) {
        let journal = state.journal(root: host.root)
        var lastUpdate: HistoryRecord?
        do {
            let contents = try journal.read()
            contents.warnings.forEach { printError("warning: \($0)") }
            lastUpdate = contents.records.last
        } catch {
            printError("warning: cannot read the update history: \(error); last-update metrics left out")
        }
        print(PrometheusText.render(StatusMetrics.metrics(status: report, lastUpdate: lastUpdate)), terminator: "")
    }
}
