/// Everything firmware-visible on the platform, guarded by one lock in ``Platform``.
///
/// Every mutation goes through ``Platform/mutate(_:)``, which checks ``invariantViolations()``
/// afterwards in debug builds (``_checkInvariants()``).
struct PlatformState: Sendable {
    /// LPs on the platform, fixed at power-on.
    let lpCount: Int
    /// SEAMDB slots at power-on, the most ``SeamldrState/numRemainingUpdates`` can be.
    let seamdbCapacity: UInt32
    var seamldr = SeamldrState()
    /// The module in the SEAM range, nil before the first load and after a wipe that did not complete.
    /// While a module leaf runs, the module is lent to its handler and this is nil.
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

    /// The power-on state: P-SEAMLDR ready with every SEAMDB slot free, no module, no TDs.
    init(lpCount: Int, seamdbCapacity: UInt32) {
        self.lpCount = lpCount
        self.seamdbCapacity = seamdbCapacity
        seamldr.numRemainingUpdates = seamdbCapacity
        seamldr.seamExtend.pSeamldrReady = true
    }

    /// Runs a TDX module leaf: the dispatcher's gating (spec 4.2), then `handler` with the module
    /// the call runs on. The module is lent to the handler (``module`` is nil meanwhile) so that
    /// the handler mutates it in place and no handler unwraps an optional module.
    mutating func dispatch<T>(
        _ leaf: SeamcallLeaf, lp: Int,
        to handler: (inout ModuleInstance, inout PlatformState) throws(Refusal) -> T
    ) throws(Refusal) -> T {
        guard seamldr.seamExtend.seamReady, var module = self.module.take() else { throw Self.noModule }
        defer { self.module = module }
        if let refusal = Self.gate(leaf, lp: lp, module: module) { throw refusal }
        return try handler(&module, &self)
    }

    /// Why the dispatcher would refuse `leaf` on `lp` now, or nil when the handler would run.
    func refusal(for leaf: SeamcallLeaf, lp: Int) -> Refusal? {
        guard seamldr.seamExtend.seamReady, let module else { return Self.noModule }
        return Self.gate(leaf, lp: lp, module: module)
    }

    private static let noModule = Refusal(
        .vmFailInvalid, "no TDX module is ready (none loaded, or SEAMLDR.INSTALL is replacing it)")

    /// The gating that depends on the module: its global state and the calling LP's LP.INIT.
    private static func gate(_ leaf: SeamcallLeaf, lp: Int, module: ModuleInstance) -> Refusal? {
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
