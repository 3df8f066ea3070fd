import Foundation
import TDXHost

/// What a served host writes after each update (`--report FILE`) and logs to stderr.
enum ServedReport {
    /// The report object for `attempt`, as JSON with sorted keys.
    static func json(_ attempt: UpdateAttempt, host: SimulatedHost) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(Entry(attempt, host: host)))
    }

    /// "1.5.06 -> 1.5.08: completed, blackout 812 µs".
    static func summary(_ attempt: UpdateAttempt) -> String {
        let after = attempt.versionAfter?.description ?? "none (module lost)"
        let refusal = attempt.refusal.map { ", refused: \($0)" } ?? ""
        return "\(attempt.versionBefore) -> \(after): \(attempt.outcome.rawValue)\(refusal), blackout "
            + "\(attempt.blackoutNs / 1000) µs"
    }

    private struct Entry: Encodable {
        let outcome: String
        let versionBefore: String
        let versionAfter: String?
        let imageVersion: String?
        let blackoutNs: UInt64
        let tdsPreserved: Bool
        let seamcallOverlaps: Int

        init(_ attempt: UpdateAttempt, host: SimulatedHost) {
            outcome = attempt.outcome.rawValue
            versionBefore = attempt.versionBefore.description
            versionAfter = attempt.versionAfter?.description
            imageVersion = attempt.imageVersion?.description
            blackoutNs = attempt.blackoutNs
            tdsPreserved = attempt.tdsPreserved
            seamcallOverlaps = host.layer.seamcallOverlaps
        }

        enum CodingKeys: String, CodingKey {
            case outcome
            case versionBefore = "version_before"
            case versionAfter = "version_after"
            case imageVersion = "image_version"
            case blackoutNs = "blackout_ns"
            case tdsPreserved = "tds_preserved"
            case seamcallOverlaps = "seamcall_overlaps"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(versionBefore, forKey: .versionBefore)
            try container.encode(versionAfter, forKey: .versionAfter)
            try container.encode(imageVersion, forKey: .imageVersion)
            try container.encode(blackoutNs, forKey: .blackoutNs)
            try container.encode(tdsPreserved, forKey: .tdsPreserved)
            try container.encode(seamcallOverlaps, forKey: .seamcallOverlaps)
        }
    }
}
