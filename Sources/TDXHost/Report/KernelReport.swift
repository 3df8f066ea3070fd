import Lockstep
import TDXFirmware

/// What only the simulated kernel can tell about an update, beside what the operator's
/// tool reads from its files: each CPU's steps, the TDs' blackout and state digests, the
/// firmware calls that failed, SEAMCALLs that overlapped the update, and whether the
/// kernel recovered with the previous image. `tdxctl simulate` prints it under `kernel`;
/// a served host reports the same value.
public struct KernelReport: Encodable, Sendable {
    /// One CPU's run of one step, in ns from the procedure's start.
    public struct StepCPU: Encodable, Sendable {
        public let cpu: Int
        public let startNs: UInt64
        public let endNs: UInt64

        enum CodingKeys: String, CodingKey {
            case cpu
            case startNs = "start_ns"
            case endNs = "end_ns"
        }
    }

    /// One step of the procedure as it ran.
    public struct StepEntry: Encodable, Sendable {
        public let name: String
        public let scope: String
        /// "update" or "recovery".
        public let phase: String
        /// Recovery steps do no work when shutdown itself failed (the old module still runs).
        public let skipped: Bool
        public let cpus: [StepCPU]
    }

    /// One failed firmware call.
    public struct ErrorEntry: Encodable, Sendable {
        public let step: String
        public let cpu: Int
        public let leaf: String
        /// The status's name ("TDX_SYS_BUSY").
        public let status: String
        /// The 64-bit status code in hex ("0x8000020200000000").
        public let code: String
        /// Whether a `--inject` fault made it fail.
        public let injected: Bool
    }

    /// One TD across the update.
    public struct TDEntry: Encodable, Sendable {
        public let td: Int
        public let digestBefore: String?
        public let digestAfter: String?
        /// Same state digest, a module runs it, and its workload made progress afterwards.
        public let preserved: Bool
        public let callsAtUpdate: Int
        public let callsAfter: Int
        public let progressedAfter: Bool
        public let failedCalls: Int
        public let longestGapNs: UInt64

        enum CodingKeys: String, CodingKey {
            case td, preserved
            case digestBefore = "digest_before"
            case digestAfter = "digest_after"
            case callsAtUpdate = "calls_at_update"
            case callsAfter = "calls_after"
            case progressedAfter = "progressed_after"
            case failedCalls = "failed_calls"
            case longestGapNs = "longest_gap_ns"
        }
    }

    /// A precheck of the simulated kernel that refused the image before anything stopped.
    public struct Refusal: Encodable, Sendable {
        public let code: String
        public let message: String
    }

    /// How the kernel's attempt ended ("completed", "failed_harmless", "failed_fatal",
    /// "recovered"); nil when no image reached the kernel.
    public let outcome: String?
    /// The kernel's own precheck refusal, when it refused the image.
    public let refused: Refusal?
    /// Whether the recovery steps re-installed the previous image and resumed the TDs.
    public let recovered: Bool
    /// Whether recovery was enabled (`--recover`).
    public let recovery: Bool
    public let cpus: Int
    public let cpuIDs: [Int]
    /// Whether each stopper thread is pinned to its own CPU of this machine.
    public let pinned: Bool
    public let tds: Int
    /// Every TD kept its state and progressed afterwards.
    public let tdsPreserved: Bool
    /// Gate closed -> reopened, ns (0 when nothing stopped).
    public let blackoutNs: UInt64
    /// How long the gate took to drain the SEAMCALLs in flight, ns.
    public let drainNs: UInt64?
    /// TD SEAMCALLs that ran while an update step ran (must be 0).
    public let seamcallOverlaps: Int
    public let errors: [ErrorEntry]
    public let steps: [StepEntry]
    public let tdDetails: [TDEntry]
    /// Watchdog reports of CPUs late in a step.
    public let watchdog: [String]

    enum CodingKeys: String, CodingKey {
        case outcome, refused, recovered, recovery, cpus, tds, errors, steps, watchdog, pinned
        case cpuIDs = "cpu_ids"
        case tdsPreserved = "tds_preserved"
        case blackoutNs = "blackout_ns"
        case drainNs = "drain_ns"
        case seamcallOverlaps = "seamcall_overlaps"
        case tdDetails = "td_details"
    }

    /// Encodes every key, absent values as null, so consumers always see the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(refused, forKey: .refused)
        try c.encode(recovered, forKey: .recovered)
        try c.encode(recovery, forKey: .recovery)
        try c.encode(cpus, forKey: .cpus)
        try c.encode(cpuIDs, forKey: .cpuIDs)
        try c.encode(pinned, forKey: .pinned)
        try c.encode(tds, forKey: .tds)
        try c.encode(tdsPreserved, forKey: .tdsPreserved)
        try c.encode(blackoutNs, forKey: .blackoutNs)
        try c.encode(drainNs, forKey: .drainNs)
        try c.encode(seamcallOverlaps, forKey: .seamcallOverlaps)
        try c.encode(errors, forKey: .errors)
        try c.encode(steps, forKey: .steps)
        try c.encode(tdDetails, forKey: .tdDetails)
        try c.encode(watchdog, forKey: .watchdog)
    }
}

extension KernelReport {
    /// The report of `host` after its last update attempt: `atUpdate` is each TD's progress
    /// when the update was handed over, `afterwards` when the workloads stopped.
    public init(host: SimulatedHost, atUpdate: [TDProgress], afterwards: [TDProgress]) {
        let update = host.kernel.lastUpdate
        let tdEntries = afterwards.indices.map { index -> TDEntry in
            let before = update?.tdDigestsBefore?[safe: index]
            let after = update?.tdDigestsAfter?[safe: index]
            let progressed = afterwards[index].successfulCalls > (atUpdate[safe: index]?.successfulCalls ?? 0)
            let digestsMatch = before == nil || before == after
            return TDEntry(
                td: index, digestBefore: before.map(Self.hex), digestAfter: after.map(Self.hex),
                preserved: digestsMatch && progressed && update?.outcome != .failedFatal,
                callsAtUpdate: atUpdate[safe: index]?.successfulCalls ?? 0,
                callsAfter: afterwards[index].successfulCalls, progressedAfter: progressed,
                failedCalls: afterwards[index].failedCalls, longestGapNs: afterwards[index].longestGapNs)
        }
        self.init(
            outcome: update?.refused == true ? UpdateOutcome.failedHarmless.rawValue : update?.outcome.rawValue,
            refused: update?.refusal.map { Refusal(code: $0.code, message: $0.description) },
            recovered: update?.outcome == .recovered, recovery: host.configuration.kernel.recovery,
            cpus: host.cpus.count, cpuIDs: host.cpus.cpus.map(\.id), pinned: host.cpus.isPinned,
            tds: tdEntries.count,
            tdsPreserved: (update?.tdsPreserved ?? true) && tdEntries.allSatisfy(\.preserved)
                && update?.outcome != .failedFatal,
            blackoutNs: update?.blackoutNs ?? 0, drainNs: update?.report?.drainNs,
            seamcallOverlaps: host.layer.seamcallOverlaps, errors: (update?.failures ?? []).map(ErrorEntry.init),
            steps: StepEntry.entries(from: update?.report, recoveryRan: update?.recoveryRan ?? false),
            tdDetails: tdEntries, watchdog: update?.report?.watchdogEvents.map(\.description) ?? [])
    }

    /// Lowercase hex of a digest.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

extension KernelReport.StepEntry {
    /// The steps of `report`, with timestamps relative to the procedure's start.
    static func entries(from report: ProcedureReport?, recoveryRan: Bool) -> [KernelReport.StepEntry] {
        guard let report else { return [] }
        return report.steps.map { step in
            KernelReport.StepEntry(
                name: step.name, scope: step.scope, phase: step.phase.rawValue,
                skipped: step.phase == .recovery && !recoveryRan,
                cpus: step.cpus.map {
                    KernelReport.StepCPU(
                        cpu: $0.cpu, startNs: $0.startNs &- report.startNs, endNs: $0.endNs &- report.startNs)
                })
        }
    }
}

extension KernelReport.ErrorEntry {
    init(_ failure: FirmwareCallFailure) {
        let hex = String(failure.status.rawValue, radix: 16, uppercase: true)
        self.init(
            step: failure.step.rawValue, cpu: failure.cpu, leaf: failure.leaf,
            status: failure.status.name ?? "UNKNOWN_STATUS",
            code: "0x" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex, injected: failure.injected)
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
