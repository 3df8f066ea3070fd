import TDXImage

/// A TDX module loaded in the SEAM range: its identity (from the sigstruct) and its global data.
/// Everything here is lost when P-SEAMLDR wipes the SEAM range, except what shutdown put in the handoff area.
struct ModuleInstance: Sendable {
    let manifest: ModuleManifest
    let version: ModuleVersion
    let handoffVersions: HandoffVersions
    let features0: UInt64
    /// SEAMDB index assigned at install (TDs record the one they were created under).
    let seamdbIndex: UInt64

    var sysState: SysState = .sysinitPending
    /// Platform LPs that must do LP.INIT (from MCHECK); set by SYS.INIT.
    var numOfLPs = 0
    var lpInitialized: [Bool]
    var numInitLPs = 0
    var configuredPackages: Set<Int> = []
    /// Key ownership table: HKIDs whose keys this module manages.
    var keyOwnership: Set<UInt16> = []
    var globalHKID: UInt16 = 0
    var tdmrConfiguration: UInt64 = 0

    init(manifest: ModuleManifest, lpCount: Int, seamdbIndex: UInt64, updateCompat: Bool) {
        self.manifest = manifest
        version = manifest.version
        handoffVersions = manifest.handoff
        // P-SEAMLDR treats major SEAM SVN 0 as TDX 1.0, which cannot preserve TDs.
        var features = TDXFeatures0.noRBPMod
        if manifest.seamSVN >> 8 >= 1 { features |= TDXFeatures0.tdPreserving }
        if updateCompat { features |= TDXFeatures0.updateCompat }
        features0 = features
        self.seamdbIndex = seamdbIndex
        lpInitialized = Array(repeating: false, count: lpCount)
    }
}
