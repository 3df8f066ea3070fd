import Crypto

/// The TDH.SYS.* leaves: initialisation, configuration, shutdown, update and metadata (spec 4.2-4.4).
extension Platform {
    /// TDH.SYS.INIT: global initialisation of a freshly installed module.
    /// - Parameters:
    ///   - lp: the calling LP.
    ///   - attributes: RCX; every bit is reserved in this model (non-zero → `TDX_OPERAND_INVALID`, RCX).
    /// - Throws: `TDX_SYS_INIT_NOT_PENDING` unless the module is in SYSINIT_PENDING.
    public func sysInit(lp: Int, attributes: UInt64 = 0) throws(SeamcallFailure) {
        let lpCount = self.lpCount
        try moduleCall(.sysInit, lp: lp) { (module: inout ModuleInstance, _: inout PlatformState) throws(Refusal) in
            guard attributes == 0 else {
                throw Refusal(.operandInvalid.with(detail: 1), "reserved attribute bits set in RCX")
            }
            guard module.sysState == .sysinitPending else {
                throw Refusal(.sysInitNotPending, "module is in \(module.sysState); TDH.SYS.INIT runs once")
            }
            module.numOfLPs = lpCount
            module.numInitLPs = 0
            module.sysState = .sysinitDone
        }
    }

    /// TDH.SYS.LP.INIT: per-LP initialisation; every platform LP must do it before CONFIG or UPDATE.
    /// - Throws: `TDX_SYS_LP_INIT_NOT_PENDING` outside SYSINIT_DONE, `TDX_SYS_LP_INIT_DONE` on a second call.
    public func sysLPInit(lp: Int) throws(SeamcallFailure) {
        try moduleCall(.sysLPInit, lp: lp) { (module: inout ModuleInstance, _: inout PlatformState) throws(Refusal) in
            guard module.sysState == .sysinitDone else {
                throw Refusal(.sysLPInitNotPending, "module is in \(module.sysState); LP.INIT needs SYSINIT_DONE")
            }
            guard !module.lpInitialized[lp] else {
                throw Refusal(.sysLPInitDone, "LP \(lp) already did TDH.SYS.LP.INIT")
            }
            module.lpInitialized[lp] = true
            module.numInitLPs += 1
        }
    }

    /// TDH.SYS.CONFIG: global configuration on the fresh-boot path (after every LP did LP.INIT).
    /// - Throws: `TDX_SYS_CONFIG_NOT_PENDING` outside SYSINIT_DONE or before every LP is initialised.
    public func sysConfig(lp: Int) throws(SeamcallFailure) {
        try moduleCall(.sysConfig, lp: lp) { (module: inout ModuleInstance, _: inout PlatformState) throws(Refusal) in
            guard module.sysState == .sysinitDone, module.numInitLPs >= module.numOfLPs else {
                throw Refusal(
                    .sysConfigNotPending,
                    "module is in \(module.sysState) with \(module.numInitLPs)/\(module.numOfLPs) LPs initialised")
            }
            module.globalHKID = 1
            module.tdmrConfiguration &+= 1
            module.sysState = .sysconfigDone
        }
    }

    /// TDH.SYS.KEY.CONFIG: configure the global key on the calling LP's package. When every package is
    /// configured the module becomes SYS_READY without handoff data: TDs created before are lost.
    /// - Returns: `TDX_SUCCESS`, or the informational `TDX_KEY_CONFIGURED` when the package was done already.
    /// - Throws: `TDX_SYS_KEY_CONFIG_NOT_PENDING` outside SYSCONFIG_DONE.
    @discardableResult
    public func sysKeyConfig(lp: Int) throws(SeamcallFailure) -> SeamcallStatus {
        let package = configuration.processors.indices.contains(lp) ? configuration.processors[lp].package : 0
        let packages = Set(configuration.processors.map(\.package))
        return try moduleCall(.sysKeyConfig, lp: lp) {
            (module: inout ModuleInstance, state: inout PlatformState) throws(Refusal) in
            guard module.sysState == .sysconfigDone else {
                throw Refusal(
                    .sysKeyConfigNotPending, "module is in \(module.sysState); KEY.CONFIG needs SYSCONFIG_DONE")
            }
            guard module.configuredPackages.insert(package).inserted else { return .keyConfigured }
            if module.configuredPackages.isSuperset(of: packages) {
                module.sysState = .sysReady
                module.keyOwnership = []
                state.handoff = nil
                // Fresh initialisation: the previous module's key table is gone, so are its TDs.
                state.lostTDs.formUnion(state.tds.keys)
                state.tds.removeAll()
            }
            return .success
        }
    }

    /// TDH.SYS.SHUTDOWN: stop the module and write handoff data at version `handoffVersion` (RCX).
    ///
    /// With `modulesSupportUpdateCompat`, RCX bit 16 asks to fail with `TDX_UPDATE_COMPAT_SENSITIVE` while a
    /// TD build is in progress; otherwise (1.5.01) the whole RCX is the version, so bit 16 makes it invalid.
    /// - Throws: `TDX_SYS_NOT_READY` outside SYS_READY; `TDX_OPERAND_INVALID` (RCX) for a version outside
    ///   [min_update_hv, module_hv] or not module_hv under no_downgrade; `TDX_SYS_BUSY` when another LP is
    ///   inside the module (the module stays SYS_READY).
    public func sysShutdown(lp: Int, handoffVersion: UInt64) throws(SeamcallFailure) {
        let compat = configuration.modulesSupportUpdateCompat
        try moduleCall(.sysShutdown, lp: lp) {
            (module: inout ModuleInstance, state: inout PlatformState) throws(Refusal) in
            guard module.sysState == .sysReady else {
                throw Refusal(.sysNotReady, "module is in \(module.sysState); TDH.SYS.SHUTDOWN needs SYS_READY")
            }
            let avoidSensitive = compat && handoffVersion & (1 << 16) != 0
            let requested = avoidSensitive ? handoffVersion & ~(1 << 16) : handoffVersion
            guard module.handoffVersions.canProduce(requested) else {
                throw Refusal(
                    .operandInvalid.with(detail: 1),
                    "handoff version \(requested) not producible by a module with \(module.handoffVersions)")
            }
            if avoidSensitive, let building = state.tds.values.first(where: { $0.lifecycle == .building }) {
                throw Refusal(.updateCompatSensitive, "\(building.handle) is being built; retry after TDH.MR.FINALIZE")
            }
            let busy = lpsInModule.load(ordering: .acquiring) - 1
            guard busy <= 0 else {
                throw Refusal(.sysBusy, "\(busy) other LP(s) are inside the TDX module; stop them first")
            }
            let kot = module.keyOwnership.sorted()
            state.handoff = HandoffData(
                header: HandoffHeader(
                    valid: true, hv: UInt16(requested),
                    size: HandoffData.payloadSize(
                        keyOwnershipCount: kot.count, packages: module.configuredPackages.count)),
                keyOwnership: kot, globalHKID: module.globalHKID, configuredPackages: module.configuredPackages,
                tdmrConfiguration: module.tdmrConfiguration)
            module.sysState = .sysShutdown
        }
    }

    /// TDH.SYS.LP.SHUTDOWN: a no-op that succeeds even after SYS.SHUTDOWN (1.5.01).
    public func sysLPShutdown(lp: Int) throws(SeamcallFailure) {
        try moduleCall(.sysLPShutdown, lp: lp) { (_: inout ModuleInstance, _: inout PlatformState) throws(Refusal) in }
    }

    /// TDH.SYS.UPDATE: restore the old module's handoff data into the new one; TDs continue.
    /// - Throws: `TDX_SYS_STATE_INCORRECT` unless SYSINIT_DONE with every platform LP initialised;
    ///   `TDX_SYS_INVALID_HANDOFF` when no valid handoff data is present or its version is out of range.
    public func sysUpdate(lp: Int) throws(SeamcallFailure) {
        try moduleCall(.sysUpdate, lp: lp) {
            (module: inout ModuleInstance, state: inout PlatformState) throws(Refusal) in
            guard module.sysState == .sysinitDone, module.numInitLPs >= module.numOfLPs else {
                throw Refusal(
                    .sysStateIncorrect,
                    "module is in \(module.sysState) with \(module.numInitLPs)/\(module.numOfLPs) LPs initialised; "
                        + "run TDH.SYS.INIT and TDH.SYS.LP.INIT on every LP first")
            }
            guard var handoff = state.handoff, handoff.header.valid else {
                throw Refusal(.sysInvalidHandoff, "no valid handoff data (was the old module shut down?)")
            }
            guard module.handoffVersions.canConsume(handoff.header.hv) else {
                throw Refusal(
                    .sysInvalidHandoff,
                    "handoff version \(handoff.header.hv) outside this module's \(module.handoffVersions)")
            }
            module.keyOwnership = Set(handoff.keyOwnership)
            module.globalHKID = handoff.globalHKID
            module.configuredPackages = handoff.configuredPackages
            module.tdmrConfiguration = handoff.tdmrConfiguration
            handoff.header.valid = false
            handoff.header.size = 0
            state.handoff = handoff
            module.sysState = .sysReady
            // TD-build erratum: the measurement context of a build in progress does not survive the update,
            // so the final MRTD covers only pages added afterwards and attestation will not match.
            for (handle, td) in state.tds where td.lifecycle == .building {
                state.tds[handle]?.measurementCorrupted = true
                state.tds[handle]?.measurement = SHA384()
            }
        }
    }

    /// TDH.SYS.RD: read one global metadata field.
    /// - Throws: `TDX_METADATA_FIELD_ID_INCORRECT` for a field this model does not know.
    public func sysRead(lp: Int, field: MetadataField) throws(SeamcallFailure) -> UInt64 {
        try moduleCall(.sysRead, lp: lp) { (module: inout ModuleInstance, state: inout PlatformState) throws(Refusal) in
            let handoff = state.handoff?.header
            switch field {
            case .majorVersion: return UInt64(module.version.major)
            case .minorVersion: return UInt64(module.version.minor)
            case .updateVersion: return UInt64(module.version.update)
            case .internalVersion: return 0
            case .buildNumber: return UInt64(module.manifest.sigstruct.embeddedBuild)
            case .buildDate: return UInt64(module.manifest.sigstruct.date.rawValue)
            case .moduleHV: return UInt64(module.handoffVersions.moduleHV)
            case .minUpdateHV: return UInt64(module.handoffVersions.minUpdateHV)
            case .noDowngrade: return module.handoffVersions.noDowngrade ? 1 : 0
            case .numHandoffPages: return UInt64(module.handoffVersions.numHandoffPages)
            case .handoffDataValid: return handoff?.valid == true ? 1 : 0
            case .handoffDataHV: return UInt64(handoff?.hv ?? 0)
            case .handoffDataSize: return UInt64(handoff?.size ?? 0)
            case .tdxFeatures0: return module.features0
            default: throw Refusal(.metadataFieldIDIncorrect, "unknown global metadata field \(field)")
            }
        }
    }
}
