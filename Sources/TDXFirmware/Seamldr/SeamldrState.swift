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
