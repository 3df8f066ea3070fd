extension PlatformState {
    /// Whether ``_checkInvariants()`` checks anything in this build (debug builds only).
    static var checksInvariants: Bool {
        #if DEBUG
            true
        #else
            false
        #endif
    }

    /// Stops the program when the state breaks a rule of the model (debug builds; nothing in release),
    /// as swift-collections' `_checkInvariants()` does. Called after every mutation.
    func _checkInvariants() {
        #if DEBUG
            let violations = invariantViolations()
            precondition(
                violations.isEmpty,
                "TDXFirmware: platform state broken: \(violations.map(\.description).joined(separator: "; "))")
        #endif
    }

    /// Every rule of the model the state breaks now; empty for a consistent state.
    func invariantViolations() -> [PlatformInvariantViolation] {
        var found = seamldrViolations()
        if let module { found += moduleViolations(module) }
        found += handoffViolations()
        found += tdViolations()
        return found
    }

    private func seamldrViolations() -> [PlatformInvariantViolation] {
        var found: [PlatformInvariantViolation] = []
        let extend = seamldr.seamExtend
        if extend.seamReady {
            if let module {
                if extend.seamSVN != module.manifest.seamSVN || extend.mrSeam != module.manifest.seamHash {
                    found.append(
                        .seamExtendDisagreesWithModule(
                            seamExtendSVN: extend.seamSVN, moduleSVN: module.manifest.seamSVN))
                }
            } else {
                found.append(.seamReadyWithoutModule)
            }
            if !seamldr.sessionLPs.isEmpty {
                found.append(.seamReadyDuringInstallSession(sessionLPs: seamldr.sessionLPs.count))
            }
        }
        if let module, seamldr.seamdb.last?.seamHash != module.manifest.seamHash {
            found.append(.seamdbOutOfStep(newestEntry: seamldr.seamdb.last?.version, module: module.version))
        }
        if seamldr.numRemainingUpdates > seamdbCapacity {
            found.append(
                .remainingUpdatesExceedCapacity(remaining: seamldr.numRemainingUpdates, capacity: seamdbCapacity))
        }
        return found
    }

    private func moduleViolations(_ module: ModuleInstance) -> [PlatformInvariantViolation] {
        var found: [PlatformInvariantViolation] = []
        if module.lpInitialized.count != lpCount {
            found.append(.lpTableSize(entries: module.lpInitialized.count, lpCount: lpCount))
        }
        let marked = module.lpInitialized.count(where: { $0 })
        if marked != module.numInitLPs {
            found.append(.initializedLPCount(counted: module.numInitLPs, marked: marked))
        }
        switch module.sysState {
        case .sysinitPending:
            if marked > 0 { found.append(.lpInitializedBeforeSysInit(marked: marked)) }
        case .sysinitDone, .sysconfigDone, .sysReady, .sysShutdown:
            if module.numOfLPs != lpCount { found.append(.sysInitLPCount(recorded: module.numOfLPs, lpCount: lpCount)) }
            if module.sysState != .sysinitDone && module.numInitLPs < module.numOfLPs {
                found.append(
                    .configuredWithUninitializedLPs(
                        state: module.sysState, initialized: module.numInitLPs, required: module.numOfLPs))
            }
        }
        if module.sysState == .sysShutdown && handoff?.header.valid != true {
            found.append(.shutdownWithoutHandoff)
        }
        if module.sysState == .sysReady {
            for (handle, td) in tds where !module.keyOwnership.contains(td.hkid) {
                found.append(.liveTDKeyNotOwned(handle, hkid: td.hkid))
            }
        }
        return found
    }

    private func handoffViolations() -> [PlatformInvariantViolation] {
        guard let handoff, handoff.header.valid else { return [] }
        let payload = HandoffData.payloadSize(
            keyOwnershipCount: handoff.keyOwnership.count, packages: handoff.configuredPackages.count)
        return handoff.header.size == payload ? [] : [.handoffSize(recorded: handoff.header.size, payload: payload)]
    }

    private func tdViolations() -> [PlatformInvariantViolation] {
        var found: [PlatformInvariantViolation] = []
        var owners: [UInt16: Int] = [:]
        for (handle, td) in tds {
            if td.handle != handle { found.append(.tdStoredUnderOtherHandle(stored: handle, own: td.handle)) }
            if lostTDs.contains(handle) { found.append(.liveAndLost(handle)) }
            owners[td.hkid, default: 0] += 1
        }
        for (hkid, count) in owners.sorted(by: { $0.key < $1.key }) where count > 1 {
            found.append(.sharedHKID(hkid))
        }
        return found
    }
}
