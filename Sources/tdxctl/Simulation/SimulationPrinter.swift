import Foundation
import TDXHost
import TDXUpdater

/// The human-readable end of a simulation: each step with what each CPU did, the TDs'
/// blackout and whether they survived, then the updater's conclusion.
enum SimulationPrinter {
    static func render(_ result: Simulation.Result) -> String {
        let kernel = result.kernel
        var lines: [String] = []
        for skipped in result.update.skipped {
            lines.append("skipped \(skipped.version.map(\.description) ?? skipped.path): \(skipped.reason)")
        }
        if let refused = kernel.refused {
            lines.append("the kernel refused the image before anything stopped (\(refused.code)): \(refused.message)")
        }
        if !kernel.steps.isEmpty {
            lines.append("timeline (µs from the start of the procedure):")
            for step in kernel.steps {
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
        for error in kernel.errors {
            let how = error.injected ? "injected" : "firmware"
            lines.append(
                "error: \(error.step) on CPU \(error.cpu): \(error.leaf) -> \(error.status) (\(error.code), \(how))")
        }
        if kernel.blackoutNs > 0 {
            let drain = kernel.drainNs.map { ", drain \(micro($0)) µs" } ?? ""
            lines.append("TD blackout (gate closed -> reopened): \(micro(kernel.blackoutNs)) µs\(drain)")
        }
        lines.append("SEAMCALL overlaps with the update: \(kernel.seamcallOverlaps)")
        for td in kernel.tdDetails {
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
        let before = result.update.versionBefore?.description ?? "?"
        let after =
            result.update.versionAfter.map { $0.value?.description ?? $0.problem ?? "?" } ?? "\(before) (not uploaded)"
        lines.append("version: \(before) -> \(after)")
        lines.append(result.update.message)
        if kernel.recovered { lines.append("the kernel re-installed the previous module and resumed the TDs") }
        lines.append("exit \(result.exitStatus); TDs preserved: \(kernel.tdsPreserved ? "yes" : "no")")
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
