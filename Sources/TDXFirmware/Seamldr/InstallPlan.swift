import TDXImage

/// A checked params page and its image, ready for the last LP's state-dependent checks.
struct InstallPlan: Sendable {
    var scenario: SeamldrParams.Scenario
    var manifest: ModuleManifest
    var facts: ImageFacts

    /// The checks that do not depend on the running module, in P-SEAMLDR's order, plus the module hash:
    /// what ``SeamldrPolicy/CheckPoint/everyLP`` runs on every LP before it registers.
    func imageProblem(configuration: PlatformConfiguration) -> Refusal? {
        let sigstruct = manifest.sigstruct
        if !facts.keyTrusted {
            return Refusal(.seamldrBadSignature, "signed by untrusted key \(sigstruct.keyFingerprint)")
        }
        if sigstruct.isDebug && !configuration.debugUnlocked {
            return Refusal(.seamldrBadSignature, "debug-signed module on a platform that is not debug-unlocked")
        }
        if sigstruct.svnMajor == 0 {
            return Refusal(.seamldrUnsupported, "major SEAM SVN 0 (TDX 1.0) cannot be loaded")
        }
        if let refusal = cpuProblem(configuration: configuration) { return refusal }
        if let failure = facts.signatureFailure { return Refusal(.seamldrBadSignature, failure) }
        if !facts.moduleHashMatches {
            return Refusal(.seamldrBadHash, "module pages do not hash to the sigstruct's SEAMHASH")
        }
        return nil
    }

    /// EUNSUPCPU when an LP's CPUID.1.EAX is not listed; EBADSIG for a production image without a table.
    func cpuProblem(configuration: PlatformConfiguration) -> Refusal? {
        let sigstruct = manifest.sigstruct
        guard !sigstruct.cpuidTable.isEmpty else {
            return sigstruct.isDebug ? nil : Refusal(.seamldrBadSignature, "production module without a CPUID table")
        }
        let mask: UInt32 = configuration.policy.ignoreStepping ? ~0xF : ~0
        let listed = Set(sigstruct.cpuidTable.map { $0 & mask })
        guard let index = configuration.processors.firstIndex(where: { !listed.contains($0.cpuid1EAX & mask) }) else {
            return nil
        }
        let cpuid = String(configuration.processors[index].cpuid1EAX, radix: 16, uppercase: true)
        return Refusal(.seamldrUnsupportedCPU, "LP \(index) CPUID.1.EAX 0x\(cpuid) is not in the image's table")
    }
}
