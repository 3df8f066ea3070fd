import TDXImage

/// P-SEAMLDR's persistent data (`pseamldr_data_t`), plus what the model records about calls.
struct SeamldrState: Sendable {
    /// The SEAMEXTEND register: the running module's TCB info and the SEAM_READY gate.
    var seamExtend = SeamExtend()
    /// SEAMEXTEND as captured by the first INSTALL of the current session.
    var snapshot = SeamExtend()
    var numRemainingUpdates: UInt32 = 0
    /// LPs that called INSTALL in the current session (`update_bitmap`).
    var sessionLPs: Set<Int> = []
    /// SEAMDB: one entry per installed module since the last load (SEAM SVN, SEAMHASH).
    var seamdb: [SeamdbEntry] = []
    var lastOutcome: InstallOutcome?
}

/// One SEAMDB entry.
public struct SeamdbEntry: Hashable, Sendable {
    /// The module's SEAM SVN.
    public var seamSVN: UInt16
    /// The module's SEAMHASH (MRSEAM).
    public var seamHash: [UInt8]
    /// Its module version.
    public var version: ModuleVersion
}

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
