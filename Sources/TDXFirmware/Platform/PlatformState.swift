/// Everything firmware-visible on the platform, guarded by one lock in ``Platform``.
struct PlatformState: Sendable {
    var seamldr = SeamldrState()
    /// The module in the SEAM range, nil after a wipe that did not complete.
    var module: ModuleInstance?
    /// The handoff area at the start of the module data region (survives an update-scenario install).
    var handoff: HandoffData?
    /// TDs in TDX-private memory outside the SEAM range.
    var tds: [TDHandle: TDState] = [:]
    /// TDs destroyed because a module came up without their handoff data.
    var lostTDs: Set<TDHandle> = []
    var nextHKID: UInt16 = 32
    var nextTDR: UInt64 = 0x2000_0000_0000
    var nextSeamdbIndex: UInt64 = 0

    /// The dispatcher's gating (spec 4.2), before any handler runs. Returns the status the call gets, or nil.
    func gate(_ leaf: SeamcallLeaf, lp: Int) -> Refusal? {
        guard seamldr.seamExtend.seamReady, let module else {
            return Refusal(.vmFailInvalid, "no TDX module is ready (none loaded, or SEAMLDR.INSTALL is replacing it)")
        }
        if module.sysState == .sysShutdown && leaf != .sysLPShutdown {
            return Refusal(
                .sysShutdown, "the module was shut down; only TDH.SYS.LP.SHUTDOWN runs until a new one is installed")
        }
        if module.sysState != .sysReady && !leaf.isSystemLeaf {
            return Refusal(.sysNotReady, "module is in \(module.sysState), not SYS_READY")
        }
        if !leaf.isSystemLeaf && !module.lpInitialized[lp] {
            return Refusal(.sysLPInitNotDone, "LP \(lp) has not done TDH.SYS.LP.INIT")
        }
        return nil
    }
}

/// Why the model refused a call: the status and a sentence for the failure's reason.
struct Refusal: Error, Sendable {
    var status: SeamcallStatus
    var reason: String

    init(_ status: SeamcallStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }
}
