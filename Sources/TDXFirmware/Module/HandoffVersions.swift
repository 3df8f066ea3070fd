/// A module's handoff-version definitions, from its sigstruct (module_hv, min_update_hv, no_downgrade,
/// num_handoff_pages) and readable through TDH.SYS.RD class 0x89.
///
/// Rules (spec 4.3): a shutdown can produce any hv in [minUpdateHV, moduleHV], only moduleHV when
/// noDowngrade; a module accepts handoff data with hv in [its minUpdateHV, its moduleHV]. The kernel always
/// asks the old module for its own moduleHV.
public struct HandoffVersions: Hashable, Sendable, CustomStringConvertible {
    /// The version the module produces and consumes natively.
    public var moduleHV: UInt16
    /// The oldest version it can still consume.
    public var minUpdateHV: UInt16
    /// When true, shutdown produces only `moduleHV`.
    public var noDowngrade: Bool
    /// The handoff area is `numHandoffPages + 1` pages.
    public var numHandoffPages: UInt16

    /// Creates definitions.
    public init(moduleHV: UInt16, minUpdateHV: UInt16, noDowngrade: Bool, numHandoffPages: UInt16 = 13) {
        self.moduleHV = moduleHV
        self.minUpdateHV = minUpdateHV
        self.noDowngrade = noDowngrade
        self.numHandoffPages = numHandoffPages
    }

    /// True when TDH.SYS.SHUTDOWN with RCX = `requested` is accepted (the full 64-bit RCX is compared,
    /// as in 1.5.01, so stray flag bits make it larger than `moduleHV`).
    public func canProduce(_ requested: UInt64) -> Bool {
        requested >= UInt64(minUpdateHV) && requested <= UInt64(moduleHV)
            && (!noDowngrade || requested == UInt64(moduleHV))
    }

    /// True when this module (as the new one) accepts handoff data of version `hv`.
    public func canConsume(_ hv: UInt16) -> Bool { hv >= minUpdateHV && hv <= moduleHV }

    /// The handoff version an update from `old` to `new` uses the way the kernel drives it (the old module's
    /// `moduleHV`), or nil when either side refuses it.
    public static func kernelUpdateVersion(from old: HandoffVersions, to new: HandoffVersions) -> UInt16? {
        let hv = old.moduleHV
        return old.canProduce(UInt64(hv)) && new.canConsume(hv) ? hv : nil
    }

    /// Bytes available for handoff data after the 8-byte header.
    public var capacity: Int { (Int(numHandoffPages) + 1) * PhysicalMemory.pageSize - HandoffHeader.size }

    /// `hv 0 (min 0, downgrade allowed, 14 pages)`.
    public var description: String {
        "hv \(moduleHV) (min \(minUpdateHV), \(noDowngrade ? "no downgrade" : "downgrade allowed"), "
            + "\(Int(numHandoffPages) + 1) pages)"
    }
}
