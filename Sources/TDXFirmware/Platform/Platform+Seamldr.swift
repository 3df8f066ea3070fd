import TDXImage

/// P-SEAMLDR: SEAMLDR.INFO and SEAMLDR.INSTALL, one LP at a time (spec section 2, Intel's `seamldr_install`).
extension Platform {
    /// SEAMLDR.INFO: P-SEAMLDR's version, remaining updates and the running module's TCB info.
    /// - Throws: the policy's concurrent-call status when another LP is inside P-SEAMLDR.
    public func seamldrInfo(lp: Int) throws(SeamcallFailure) -> SeamldrInfo {
        try withSeamldr(.seamldrInfo, lp: lp) {
            read { state in
                var info = configuration.seamldrIdentity
                info.numRemainingUpdates = state.seamldr.numRemainingUpdates
                info.seamInfo = state.seamldr.seamExtend
                info.acmX2APICID = 0
                return .success(info)
            }
        }
    }

    /// SEAMLDR.INSTALL with RCX = `paramsAddress` (a SEAMLDR_PARAMS page in ``memory``).
    ///
    /// Every LP must call it once per session. The first call of a session blocks the running module
    /// (SEAM_READY cleared: module leaves get `TDX_SEAMCALL_VMFAILINVALID`); non-last LPs only register; the
    /// last LP checks params and image and installs (see docs/FIRMWARE.md for the order and statuses, and
    /// ``SeamldrPolicy`` for the alternatives). ``lastInstallOutcome`` tells what the last LP found.
    /// - Throws: `PSEAMLDR_EBADPARAM`, `EBADSIG`, `EUNSUPPORTED`, `EUNSUPCPU`, `EBADCALL`, `EBADHANDOFF`,
    ///   `EBADHASH`, or the concurrent-call status.
    public func seamldrInstall(lp: Int, paramsAddress: UInt64) throws(SeamcallFailure) {
        try withSeamldr(.seamldrInstall, lp: lp) { () -> Result<Void, Refusal> in
            let policy = configuration.policy
            var preflight: Result<InstallPlan, Refusal>?
            if policy.checkPoint == .everyLP {
                let plan = prepareInstall(paramsAddress: paramsAddress)
                switch plan {
                case .failure(let refusal): return .failure(refusal)
                case .success(let prepared):
                    if let refusal = prepared.imageProblem(configuration: configuration) { return .failure(refusal) }
                }
                preflight = plan
            }
            let isLast: Result<Bool, Refusal> = mutate { state in
                if policy.rejectRepeatedCallInSession && state.seamldr.sessionLPs.contains(lp) {
                    return .failure(Refusal(.seamldrBadCall, "LP \(lp) already called SEAMLDR.INSTALL in this session"))
                }
                if state.seamldr.sessionLPs.isEmpty {
                    state.seamldr.snapshot = state.seamldr.seamExtend
                    state.seamldr.seamExtend.seamReady = false
                }
                state.seamldr.sessionLPs.insert(lp)
                return .success(state.seamldr.sessionLPs.count >= lpCount)
            }
            switch isLast {
            case .failure(let refusal): return .failure(refusal)
            case .success(false): return .success(())
            case .success(true): break
            }
            let plan = preflight ?? prepareInstall(paramsAddress: paramsAddress)
            return mutate { state in
                let result = state.completeInstall(plan: plan, lp: lp, configuration: configuration)
                state.seamldr.sessionLPs.removeAll()
                return result
            }
        }
    }

    /// What the last LP of the most recent install session concluded, or nil before any.
    public var lastInstallOutcome: InstallOutcome? { read { $0.seamldr.lastOutcome } }

    /// LPs that have called SEAMLDR.INSTALL in the session still open (empty between sessions).
    public var installSessionLPs: Set<Int> { read { $0.seamldr.sessionLPs } }

    /// P-SEAMLDR calls refused because another LP was inside P-SEAMLDR. A correct host keeps this at 0.
    public var concurrentSeamldrCallsRefused: Int { seamldrRefusals.load(ordering: .relaxed) }

    /// Number of P-SEAMLDR calls that entered P-SEAMLDR.
    public var seamldrCallCount: Int { seamldrCalls.load(ordering: .relaxed) }

    /// Full image verifications (RSA + SHA-384) P-SEAMLDR ran; cached repeats are not counted.
    public var imageVerificationCount: Int { verifier.verificationCount }

    /// P-SEAMLDR calls that returned on an LP with the SEAMRET VMCS erratum (its current VMCS is now clear).
    public var vmcsInvalidations: Int { vmcsInvalidationCount.load(ordering: .relaxed) }

    /// Runs `body` with this LP as the only one inside P-SEAMLDR.
    private func withSeamldr<T: Sendable>(
        _ leaf: SeamcallLeaf, lp: Int, _ body: () -> Result<T, Refusal>
    ) throws(SeamcallFailure) -> T {
        try admit(leaf, lp: lp)
        let entry = seamldrOccupant.compareExchange(expected: -1, desired: lp, ordering: .acquiringAndReleasing)
        guard entry.exchanged else {
            seamldrRefusals.add(1, ordering: .relaxed)
            throw SeamcallFailure(
                leaf: leaf, lp: lp, status: configuration.policy.concurrentCallStatus,
                reason: "LP \(entry.original) is inside P-SEAMLDR; only one LP at a time may call it")
        }
        seamldrCalls.add(1, ordering: .relaxed)
        defer {
            seamldrOccupant.store(-1, ordering: .releasing)
            if configuration.processors[lp].hasSeamretVMCSErratum { vmcsInvalidationCount.add(1, ordering: .relaxed) }
        }
        switch body() {
        case .success(let value): return value
        case .failure(let refusal):
            throw SeamcallFailure(leaf: leaf, lp: lp, status: refusal.status, reason: refusal.reason)
        }
    }

    /// The state-independent part of an install: read and check params and sigstruct, verify (cached).
    private func prepareInstall(paramsAddress: UInt64) -> Result<InstallPlan, Refusal> {
        guard memory.isValidPage(paramsAddress), let page = memory.page(at: paramsAddress),
            let params = SeamldrParams(bytes: page)
        else {
            return .failure(
                Refusal(.seamldrBadParam, "params address 0x\(String(paramsAddress, radix: 16)) is not a valid page"))
        }
        if params.version != 0 {
            return .failure(Refusal(.seamldrBadParam, "params version \(params.version), expected 0"))
        }
        if params.reserved.contains(where: { $0 != 0 }) {
            return .failure(Refusal(.seamldrBadParam, "params reserved bytes 0x10..0x78 are not zero"))
        }
        guard let scenario = params.scenario else {
            return .failure(Refusal(.seamldrBadParam, "unknown scenario \(params.scenarioValue)"))
        }
        guard (1...UInt64(SeamldrParams.maxModulePages)).contains(params.declaredModulePages) else {
            return .failure(Refusal(.seamldrBadParam, "num_module_pages \(params.declaredModulePages) outside 1...496"))
        }
        if let bad = params.modulePages.firstIndex(where: { !memory.isValidPage($0) }) {
            return .failure(Refusal(.seamldrBadParam, "module page \(bad) address is not a valid 4 KiB page"))
        }
        guard memory.isValidPage(params.sigstructPage), let sigstructPage = memory.page(at: params.sigstructPage) else {
            return .failure(Refusal(.seamldrBadParam, "sigstruct page address is not a valid 4 KiB page"))
        }
        let manifest: ModuleManifest
        switch ModuleManifest.parse(sigstructPage: sigstructPage) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let parsed): manifest = parsed
        }
        let facts = verifier.facts(for: manifest, modulePages: params.modulePages, memory: memory)
        return .success(InstallPlan(scenario: scenario, manifest: manifest, facts: facts))
    }
}
