import TDXImage

/// What an observer sees of the module in the SEAM range (not a SEAMCALL: for tests, sysfs and reports).
public struct ModuleStatus: Hashable, Sendable {
    /// Version from the sigstruct (what TDH.SYS.RD MAJOR/MINOR/UPDATE_VERSION return).
    public var version: ModuleVersion
    /// Global state.
    public var sysState: SysState
    /// Handoff version definitions.
    public var handoffVersions: HandoffVersions
    /// TDX_FEATURES0.
    public var features0: UInt64
    /// SEAM SVN (minor in the low byte, major in the high byte).
    public var seamSVN: UInt16
    /// SEAMDB index assigned at install.
    public var seamdbIndex: UInt64
    /// LPs that did TDH.SYS.LP.INIT on this module.
    public var initializedLPs: Int
    /// True when SEAMCALLs reach it (P-SEAMLDR has not blocked it for an install in progress).
    public var reachable: Bool

    /// True when TDX_FEATURES0 bit 1 says the module can be updated with TDs preserved.
    public var supportsTDPreservingUpdate: Bool { features0 & TDXFeatures0.tdPreserving != 0 }
}
