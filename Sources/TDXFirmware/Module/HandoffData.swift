/// What a shut-down module leaves in its handoff area for the next one: state that lives inside the SEAM
/// range and is not rebuilt by SYS.INIT/LP.INIT (key ownership table, TDMRs, global HKID, package config).
struct HandoffData: Hashable, Sendable {
    var header: HandoffHeader
    /// Key ownership table: the HKIDs of live TDs (their keys stay programmed across the update).
    var keyOwnership: [UInt16]
    /// The module's global private HKID.
    var globalHKID: UInt16
    /// Packages whose key was configured by TDH.SYS.KEY.CONFIG.
    var configuredPackages: Set<Int>
    /// TDMR configuration generation (what SYS.CONFIG set up; the new module reuses it).
    var tdmrConfiguration: UInt64

    /// Bytes this payload takes in the handoff area (the model's encoding: fixed part + 2 bytes per KOT entry).
    static func payloadSize(keyOwnershipCount: Int, packages: Int) -> UInt32 {
        UInt32(16 + 2 * keyOwnershipCount + 4 * packages)
    }
}
