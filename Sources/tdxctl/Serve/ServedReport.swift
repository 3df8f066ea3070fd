import Foundation
import TDXHost

/// What a served host writes after each update (`--report FILE`: the simulated kernel's
/// ``KernelReport``, the object `tdxctl simulate` prints under `kernel`) and logs to stderr.
enum ServedReport {
    /// The kernel's report of the update that just ended, as JSON with sorted keys.
    ///
    /// Runs on the kernel's upload worker, before `status` returns to idle. The TDs were
    /// held at the stop gate during the update, so their progress now is their progress at
    /// the update; the report then waits (up to a second) for each TD to make one more
    /// call, unless the module is gone and no TD can.
    static func json(host: SimulatedHost) throws -> [UInt8] {
        let atUpdate = host.workloads.progress
        if host.kernel.moduleVersion != nil {
            _ = host.workloads.waitForProgress(since: atUpdate, calls: 1, timeout: .seconds(1))
        }
        let report = KernelReport(host: host, atUpdate: atUpdate, afterwards: host.workloads.progress)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(report))
    }

    /// "1.5.06 -> 1.5.08: completed, blackout 812 µs".
    static func summary(_ attempt: UpdateAttempt) -> String {
        let after = attempt.versionAfter?.description ?? "none (module lost)"
        let refusal = attempt.refusal.map { ", refused: \($0)" } ?? ""
        return "\(attempt.versionBefore) -> \(after): \(attempt.outcome.rawValue)\(refusal), blackout "
            + "\(attempt.blackoutNs / 1000) µs"
    }
}
