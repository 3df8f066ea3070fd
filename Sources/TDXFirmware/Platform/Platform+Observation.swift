import TDXImage

/// Read-only views of the platform for tests, the host's sysfs and reports. These are not SEAMCALLs: they
/// never fail, never count as calls, and see TD state no real host could read (to check it byte for byte).
extension Platform {
    /// The module in the SEAM range, or nil when there is none (never loaded, or lost to a failed install).
    public var moduleStatus: ModuleStatus? {
        read { state in
            guard let module = state.module else { return nil }
            return ModuleStatus(
                version: module.version, sysState: module.sysState, handoffVersions: module.handoffVersions,
                features0: module.features0, seamSVN: module.manifest.seamSVN, seamdbIndex: module.seamdbIndex,
                initializedLPs: module.numInitLPs, reachable: state.seamldr.seamExtend.seamReady)
        }
    }

    /// P-SEAMLDR's remaining update count (what SEAMLDR.INFO reports), without a P-SEAMLDR call.
    public var numRemainingUpdates: UInt32 { read { $0.seamldr.numRemainingUpdates } }

    /// SEAMDB: modules installed since the last load, oldest first.
    public var seamdb: [SeamdbEntry] { read { $0.seamldr.seamdb } }

    /// Every TD in private memory, in creation order.
    public var tdHandles: [TDHandle] { read { $0.tds.keys.sorted() } }

    /// TDs destroyed because a module was initialised without their handoff data.
    public var lostTDs: Set<TDHandle> { read { $0.lostTDs } }

    /// TDs between TDH.MNG.INIT and TDH.MR.FINALIZE: an update now hits the TD-build erratum.
    public var tdBuildsInProgress: [TDHandle] {
        read { $0.tds.values.filter { $0.lifecycle == .building }.map(\.handle).sorted() }
    }

    /// A TD's whole state, or nil when it does not exist (or was lost).
    public func tdSnapshot(_ td: TDHandle) -> TDSnapshot? { read { $0.tds[td]?.snapshot } }

    /// Snapshots of every TD, by handle: compare two of these to check "every TD byte for byte".
    public func allTDSnapshots() -> [TDHandle: TDSnapshot] {
        read { $0.tds.mapValues(\.snapshot) }
    }

    /// A TD's content digest (SHA-256 of its snapshot), or nil when it does not exist.
    public func tdDigest(_ td: TDHandle) -> [UInt8]? { tdSnapshot(td)?.digest }

    /// Whether TD leaves on `td` would work now, and if not, why.
    public func tdAvailability(_ td: TDHandle) -> TDAvailability {
        read { state in
            if state.lostTDs.contains(td) { return .lost }
            guard let tdState = state.tds[td] else { return .lost }
            if let refusal = state.refusal(for: .vpEnter, lp: firstInitializedLP(state) ?? 0) {
                return .unreachable(refusal.status)
            }
            guard state.module?.keyOwnership.contains(tdState.hkid) == true else {
                return .unreachable(.tdKeysNotConfigured)
            }
            return .available
        }
    }

    /// The rules of the model the firmware state breaks now (empty: consistent). Debug builds also check
    /// them after every change; this reads them in any build.
    var invariantViolations: [PlatformInvariantViolation] { read { $0.invariantViolations() } }

    /// Number of TDX module leaf calls made so far (P-SEAMLDR calls not included).
    public var moduleCallCount: Int { moduleCalls.load(ordering: .relaxed) }

    /// True when any LP has the SEAMRET VMCS erratum (the kernel then hides runtime update).
    public var hasSeamretVMCSErratum: Bool { configuration.processors.contains(where: \.hasSeamretVMCSErratum) }

    private func firstInitializedLP(_ state: PlatformState) -> Int? {
        state.module?.lpInitialized.firstIndex(of: true)
    }
}
