import TDXImage

extension PlatformState {
    /// The last LP's part of SEAMLDR.INSTALL, in the order of Intel's `seamldr_install`: params, manifest
    /// (key, debug, SVN, CPUs, signature), update-range checks (remaining updates, handoff), then the
    /// irreversible part (wipe, load, hash). Failures before the wipe restore SEAM_READY (recoverable);
    /// after it, no module is left.
    mutating func completeInstall(
        plan: Result<InstallPlan, Refusal>, lp: Int, configuration: PlatformConfiguration
    ) -> Result<Void, Refusal> {
        let snapshot = seamldr.snapshot
        let policy = configuration.policy
        var scenario: SeamldrParams.Scenario?

        func finish(_ refusal: Refusal?, unrecoverable: Bool = false) -> Result<Void, Refusal> {
            if refusal != nil {
                if unrecoverable {
                    seamldr.seamExtend = SeamExtend()
                    seamldr.seamExtend.pSeamldrReady = true
                    module = nil
                } else {
                    seamldr.seamExtend = snapshot
                    if policy.failedInstallConsumesUpdate && scenario == .update && seamldr.numRemainingUpdates > 0 {
                        seamldr.numRemainingUpdates -= 1
                    }
                }
            }
            seamldr.lastOutcome = InstallOutcome(
                scenario: scenario, status: refusal?.status ?? .success, unrecoverable: unrecoverable,
                reason: refusal?.reason ?? "installed", lp: lp)
            return refusal.map { .failure($0) } ?? .success(())
        }

        let prepared: InstallPlan
        switch plan {
        case .failure(let refusal): return finish(refusal)
        case .success(let value): prepared = value
        }
        scenario = prepared.scenario
        let sigstruct = prepared.manifest.sigstruct
        let facts = prepared.facts

        if prepared.scenario == .update && !snapshot.seamReady {
            return finish(Refusal(.seamldrBadParam, "update scenario, but no SEAM module is loaded"))
        }
        guard facts.keyTrusted else {
            return finish(Refusal(.seamldrBadSignature, "signed by untrusted key \(sigstruct.keyFingerprint)"))
        }
        if sigstruct.isDebug && !configuration.debugUnlocked {
            return finish(Refusal(.seamldrBadSignature, "debug-signed module on a platform that is not debug-unlocked"))
        }
        if sigstruct.svnMajor == 0 {
            return finish(Refusal(.seamldrUnsupported, "major SEAM SVN 0 (TDX 1.0) cannot be loaded"))
        }
        if prepared.scenario == .update {
            let currentMajor = UInt8(snapshot.seamSVN >> 8)
            let currentMinor = UInt8(truncatingIfNeeded: snapshot.seamSVN)
            if sigstruct.svnMajor != currentMajor {
                return finish(
                    Refusal(
                        .seamldrUnsupported, "major SEAM SVN \(sigstruct.svnMajor) differs from running \(currentMajor)"
                    ))
            }
            if sigstruct.svnMinor < currentMinor {
                return finish(
                    Refusal(
                        policy.lowerSVNStatus, "SEAM SVN \(sigstruct.svnMinor) is lower than running \(currentMinor)"))
            }
        }
        if let refusal = prepared.cpuProblem(configuration: configuration) { return finish(refusal) }
        if let failure = facts.signatureFailure {
            return finish(Refusal(.seamldrBadSignature, failure))
        }
        let newHandoff = prepared.manifest.handoff
        if prepared.scenario == .update {
            if seamldr.numRemainingUpdates == 0 {
                return finish(Refusal(.seamldrBadCall, "no remaining updates in SEAMDB; reboot to load a module"))
            }
            guard let handoff, handoff.header.valid else {
                return finish(Refusal(.seamldrBadHandoff, "no valid handoff data: shut the old module down first"))
            }
            if Int(handoff.header.size) + HandoffHeader.size > (Int(newHandoff.numHandoffPages) + 1)
                * PhysicalMemory.pageSize
                || !newHandoff.canConsume(handoff.header.hv)
            {
                return finish(
                    Refusal(
                        .seamldrBadHandoff,
                        "handoff data hv \(handoff.header.hv), \(handoff.header.size) bytes, does not fit \(newHandoff)"
                    ))
            }
        }

        // Point of no return: the SEAM range is wiped (except the handoff area on update).
        if prepared.scenario == .load {
            seamldr.seamdb.removeAll()
            seamldr.numRemainingUpdates = configuration.seamdbCapacity
            handoff = nil
        }
        module = nil
        guard facts.moduleHashMatches else {
            return finish(
                Refusal(.seamldrBadHash, "module pages do not hash to the sigstruct's SEAMHASH"), unrecoverable: true)
        }
        let index = nextSeamdbIndex
        nextSeamdbIndex += 1
        module = ModuleInstance(
            manifest: prepared.manifest, lpCount: configuration.processors.count, seamdbIndex: index,
            updateCompat: configuration.modulesSupportUpdateCompat)
        var extend = SeamExtend()
        extend.valid = 0x1FF
        extend.seamSVN = sigstruct.svn
        extend.mrSeam = prepared.manifest.seamHash
        extend.seamReady = true
        extend.pSeamldrReady = true
        seamldr.seamExtend = extend
        seamldr.seamdb.append(
            SeamdbEntry(
                seamSVN: sigstruct.svn, seamHash: prepared.manifest.seamHash, version: prepared.manifest.version))
        if seamldr.numRemainingUpdates > 0 { seamldr.numRemainingUpdates -= 1 }
        return finish(nil)
    }
}
