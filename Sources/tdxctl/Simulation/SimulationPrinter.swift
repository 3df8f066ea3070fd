import Foundation

/// The human-readable summary of a simulation: the outcome, each step with what each CPU
/// did, the TDs' blackout and whether they survived.
enum SimulationPrinter {
    static func render(_ report: SimulationReport) -> String {
        var lines: [String] = []
        if let refused = report.refused {
            lines.append("refused before anything stopped (\(refused.code)): \(refused.message)")
        } else if report.steps.isEmpty, let error = report.upload.error {
            lines.append("upload: \(error)")
        }
        if !report.steps.isEmpty {
            lines.append("timeline (µs from the start of the procedure):")
            for step in report.steps {
                let label = "\(step.name) [\(step.scope)]"
                if step.skipped {
                    lines.append("  \(label.padding(30)) skipped: shutdown failed, the old module still runs")
                    continue
                }
                let ran = step.cpus.map { entry in
                    "cpu\(entry.cpu) \(micro(entry.startNs))-\(micro(entry.endNs))"
                }
                let span = (step.cpus.map(\.endNs).max() ?? 0) &- (step.cpus.map(\.startNs).min() ?? 0)
                lines.append("  \(label.padding(30)) span \(micro(span)) µs: " + summarize(ran))
            }
        }
        for error in report.errors {
            let how = error.injected ? "injected" : "firmware"
            lines.append(
                "error: \(error.step) on CPU \(error.cpu): \(error.leaf) -> \(error.status) (\(error.code), \(how))")
        }
        if report.blackoutNs > 0 {
            let drain = report.drainNs.map { ", drain \(micro($0)) µs" } ?? ""
            lines.append("TD blackout (gate closed -> reopened): \(micro(report.blackoutNs)) µs\(drain)")
        }
        lines.append("SEAMCALL overlaps with the update: \(report.seamcallOverlaps)")
        for td in report.tdDetails {
            let state: String
            switch (td.digestBefore, td.digestAfter) {
            case (let before?, let after?) where before == after: state = "state kept (\(before.prefix(16))…)"
            case (_?, _?): state = "STATE CHANGED"
            case (_?, nil): state = "state lost"
            default: state = "state untouched (nothing stopped)"
            }
            let progress =
                td.progressedAfter
                ? "\(td.callsAfter - td.callsAtUpdate) calls after the update"
                : "NO progress after the update (\(td.failedCalls) failed calls)"
            lines.append("  td\(td.td): \(state), \(progress), longest gap \(micro(td.longestGapNs)) µs")
        }
        let after = report.versionAfter ?? "unreadable (ENXIO): module lost"
        let verdict: String
        switch report.outcome {
        case "completed": verdict = "update completed"
        case "recovered": verdict = "update failed; the previous module was re-installed and resumed the TDs"
        case "failed_fatal": verdict = "update FAILED FATALLY: the module is gone and the TDs are lost (reboot)"
        default: verdict = "update failed harmlessly: the old module still runs, TDs untouched"
        }
        lines.append("version: \(report.versionBefore) -> \(after)")
        lines.append("\(verdict); TDs preserved: \(report.tdsPreserved ? "yes" : "no")")
        return lines.joined(separator: "\n")
    }

    /// At most 8 CPUs in full; then the first 4, a count, and the last 2.
    private static func summarize(_ entries: [String]) -> String {
        guard entries.count > 8 else { return entries.joined(separator: ", ") }
        return (entries.prefix(4) + ["… \(entries.count - 6) more …"] + entries.suffix(2)).joined(separator: ", ")
    }

    private static func micro(_ ns: UInt64) -> String { String(format: "%.1f", Double(ns) / 1000) }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
