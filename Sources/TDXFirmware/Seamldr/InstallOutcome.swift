/// What the last LP of an install session concluded.
public struct InstallOutcome: Hashable, Sendable, CustomStringConvertible {
    /// Load or update.
    public var scenario: SeamldrParams.Scenario?
    /// The status the last LP returned.
    public var status: SeamcallStatus
    /// True when the SEAM range was already modified: the old module is gone and no new one runs.
    public var unrecoverable: Bool
    /// What the check found, in words.
    public var reason: String
    /// The LP that ran the checks.
    public var lp: Int

    /// `update on LP 3: PSEAMLDR_EBADSIG (...) (recoverable): signature does not verify`.
    public var description: String {
        let kind = scenario.map(\.description) ?? "install"
        let recovery = status.isSuccess ? "" : (unrecoverable ? " (unrecoverable)" : " (recoverable)")
        return "\(kind) on LP \(lp): \(status)\(recovery)\(reason.isEmpty ? "" : ": \(reason)")"
    }
}
