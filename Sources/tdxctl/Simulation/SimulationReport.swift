import Lockstep
import TDXHost

/// The JSON `tdxctl simulate --json` prints: one object describing the host, the update's
/// outcome, each step with what each CPU did, the TDs' blackout and whether they survived.
struct SimulationReport: Encodable {
    struct StepCPU: Encodable {
        let cpu: Int
        let startNs: UInt64
        let endNs: UInt64

        enum CodingKeys: String, CodingKey {
            case cpu
            case startNs = "start_ns"
            case endNs = "end_ns"
        }
    }

    struct StepEntry: Encodable {
        let name: String
        let scope: String
        let phase: String
        /// Recovery steps do no work when shutdown itself failed (the old module still runs).
        let skipped: Bool
        let cpus: [StepCPU]
    }

    struct ErrorEntry: Encodable {
        let step: String
        let cpu: Int
        let leaf: String
        let status: String
        let code: String
        let injected: Bool
    }

    struct TDEntry: Encodable {
        let td: Int
        let digestBefore: String?
        let digestAfter: String?
        let preserved: Bool
        let callsAtUpdate: Int
        let callsAfter: Int
        let progressedAfter: Bool
        let failedCalls: Int
        let longestGapNs: UInt64

        enum CodingKeys: String, CodingKey {
            case td
            case digestBefore = "digest_before"
            case digestAfter = "digest_after"
            case preserved
            case callsAtUpdate = "calls_at_update"
            case callsAfter = "calls_after"
            case progressedAfter = "progressed_after"
            case failedCalls = "failed_calls"
            case longestGapNs = "longest_gap_ns"
        }
    }

    struct Refusal: Encodable {
        let code: String
        let message: String
    }

    struct UploadEntry: Encodable {
        let statuses: [String]
        let error: String?
        let elapsedNs: UInt64

        enum CodingKeys: String, CodingKey {
            case statuses
            case error
            case elapsedNs = "elapsed_ns"
        }
    }

    let outcome: String
    let refused: Refusal?
    let versionBefore: String
    let versionAfter: String?
    let imageVersion: String?
    let fromImage: String
    let toImage: String
    let cpus: Int
    let cpuIDs: [Int]
    let pinned: Bool
    let tds: Int
    let tdsPreserved: Bool
    let blackoutNs: UInt64
    let drainNs: UInt64?
    let seamcallOverlaps: Int
    let recovery: Bool
    let errors: [ErrorEntry]
    let steps: [StepEntry]
    let tdDetails: [TDEntry]
    let upload: UploadEntry
    let watchdog: [String]

    enum CodingKeys: String, CodingKey {
        case outcome, refused, cpus, tds, recovery, errors, steps, upload, watchdog, pinned
        case versionBefore = "version_before"
        case versionAfter = "version_after"
        case imageVersion = "image_version"
        case fromImage = "from_image"
        case toImage = "to_image"
        case cpuIDs = "cpu_ids"
        case tdsPreserved = "tds_preserved"
        case blackoutNs = "blackout_ns"
        case drainNs = "drain_ns"
        case seamcallOverlaps = "seamcall_overlaps"
        case tdDetails = "td_details"
    }

    /// `version_after` must be present as null, not left out, when unreadable.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(refused, forKey: .refused)
        try c.encode(versionBefore, forKey: .versionBefore)
        try c.encode(versionAfter, forKey: .versionAfter)
        try c.encode(imageVersion, forKey: .imageVersion)
        try c.encode(fromImage, forKey: .fromImage)
        try c.encode(toImage, forKey: .toImage)
        try c.encode(cpus, forKey: .cpus)
        try c.encode(cpuIDs, forKey: .cpuIDs)
        try c.encode(pinned, forKey: .pinned)
        try c.encode(tds, forKey: .tds)
        try c.encode(tdsPreserved, forKey: .tdsPreserved)
        try c.encode(blackoutNs, forKey: .blackoutNs)
        try c.encode(drainNs, forKey: .drainNs)
        try c.encode(seamcallOverlaps, forKey: .seamcallOverlaps)
        try c.encode(recovery, forKey: .recovery)
        try c.encode(errors, forKey: .errors)
        try c.encode(steps, forKey: .steps)
        try c.encode(tdDetails, forKey: .tdDetails)
        try c.encode(upload, forKey: .upload)
        try c.encode(watchdog, forKey: .watchdog)
    }
}

extension SimulationReport.StepEntry {
    /// The steps of `report`, with timestamps relative to the procedure's start.
    static func entries(from report: ProcedureReport?, recoveryRan: Bool) -> [SimulationReport.StepEntry] {
        guard let report else { return [] }
        return report.steps.map { step in
            let skipped = step.phase == .recovery && !recoveryRan
            return SimulationReport.StepEntry(
                name: step.name, scope: step.scope, phase: step.phase.rawValue, skipped: skipped,
                cpus: step.cpus.map {
                    SimulationReport.StepCPU(
                        cpu: $0.cpu, startNs: $0.startNs &- report.startNs, endNs: $0.endNs &- report.startNs)
                })
        }
    }
}

extension SimulationReport.ErrorEntry {
    init(_ failure: FirmwareCallFailure) {
        let hex = String(failure.status.rawValue, radix: 16, uppercase: true)
        self.init(
            step: failure.step.rawValue, cpu: failure.cpu, leaf: failure.leaf,
            status: failure.status.name ?? "UNKNOWN_STATUS",
            code: "0x" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex, injected: failure.injected)
    }
}

/// Lowercase hex of a digest.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
