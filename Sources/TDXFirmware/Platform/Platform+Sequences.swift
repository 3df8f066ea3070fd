import TDXImage

/// Whole firmware sequences driven from one thread, LP by LP: the boot-time load the UEFI loader and the
/// kernel perform, and a hand-driven TD-preserving update (what the host's lockstep procedure does across
/// CPUs). Each step is an ordinary SEAMCALL above, so every rule and fault injection applies.
extension Platform {
    /// Stages `image` in ``memory`` for SEAMLDR.INSTALL with `scenario`; free ``StagedInstall/pages`` after.
    public func stage(_ image: ModuleImage, scenario: SeamldrParams.Scenario) -> StagedInstall {
        memory.stageInstall(sigstruct: image.sigstruct.bytes, module: Array(image.module), scenario: scenario)
    }

    /// Boot-time load: SEAMLDR.INSTALL (scenario load) on every LP, TDH.SYS.INIT, TDH.SYS.LP.INIT on every
    /// LP, TDH.SYS.CONFIG, TDH.SYS.KEY.CONFIG on one LP per package. Afterwards the module is SYS_READY.
    /// - Throws: the first failing SEAMCALL.
    public func boot(_ image: ModuleImage) throws(SeamcallFailure) {
        let staged = stage(image, scenario: .load)
        defer { memory.free(staged.pages) }
        for lp in 0..<lpCount { try seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress) }
        try sysInit(lp: 0)
        for lp in 0..<lpCount { try sysLPInit(lp: lp) }
        try sysConfig(lp: 0)
        var configured = Set<Int>()
        for (lp, processor) in configuration.processors.enumerated() where configured.insert(processor.package).inserted
        {
            try sysKeyConfig(lp: lp)
        }
    }

    /// The kernel's update sequence on one thread: shutdown on LP 0 (TDH.SYS.RD MODULE_HV, then
    /// TDH.SYS.SHUTDOWN at that version; a failed read means version 0, as the kernel does), SEAMLDR.INSTALL
    /// (update) on every LP in order, TDH.SYS.INIT on LP 0, TDH.SYS.LP.INIT on every LP, TDH.SYS.UPDATE on LP 0.
    /// Stops at the first failure, like mainline.
    /// - Throws: the first failing SEAMCALL.
    public func update(to image: ModuleImage) throws(SeamcallFailure) {
        let staged = stage(image, scenario: .update)
        defer { memory.free(staged.pages) }
        let handoffVersion = (try? sysRead(lp: 0, field: .moduleHV)) ?? 0
        try sysShutdown(lp: 0, handoffVersion: handoffVersion)
        for lp in 0..<lpCount { try seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress) }
        try sysInit(lp: 0)
        for lp in 0..<lpCount { try sysLPInit(lp: lp) }
        try sysUpdate(lp: 0)
    }
}
