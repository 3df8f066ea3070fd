import Lockstep
import Synchronization
import SystemSupport
import TDXFirmware
import TDXImage

/// The shared context of one update, read and written by the step bodies on every CPU.
///
/// Lockstep orders steps, so what one CPU writes in step k is visible to all in step k+1;
/// the atomics and the kernel state's lock cover writes within a step.
final class UpdateRun: Sendable {
    let layer: SeamcallLayer
    let kernel: KernelModuleState
    let newImage: UpdateImage
    let previousImage: UpdateImage
    /// Set once TDH.SYS.SHUTDOWN succeeded: from then on, failing is fatal (or recovered).
    let shutdownSucceeded = Atomic<Bool>(false)
    /// Set when the recovery steps actually ran (they do nothing when shutdown failed).
    let recoveryRan = Atomic<Bool>(false)
    /// Per CPU index: whether its INSTALL of the new image succeeded (it is registered in
    /// the P-SEAMLDR's install session).
    let installRegistered: ThreadLocked<[Bool]>
    /// Per CPU index: whether its INSTALL of the new image reached the firmware at all
    /// (an injected failure does not).
    let installReachedFirmware: ThreadLocked<[Bool]>
    /// Every TD's state digest just before TDH.SYS.SHUTDOWN (inside the stop).
    let digestsBefore = ThreadLocked<[[UInt8]]?>(nil)
    /// Every TD's state digest once a module runs them again (after a successful restore
    /// or recovery, or right after a failed shutdown); nil while no module runs them.
    let digestsAfter = ThreadLocked<[[UInt8]]?>(nil)

    /// Linux 7.2 only warns when re-reading the version after TDH.SYS.UPDATE fails and keeps
    /// the cached one: with this set, the kernel keeps the old version although the new
    /// module runs (``KernelConfiguration/versionRefreshFails``).
    let versionRefreshFails: Bool

    init(
        layer: SeamcallLayer, kernel: KernelModuleState, newImage: UpdateImage, previousImage: UpdateImage,
        cpuCount: Int, versionRefreshFails: Bool = false
    ) {
        self.versionRefreshFails = versionRefreshFails
        self.installRegistered = ThreadLocked(Array(repeating: false, count: cpuCount))
        self.installReachedFirmware = ThreadLocked(Array(repeating: false, count: cpuCount))
        self.layer = layer
        self.kernel = kernel
        self.newImage = newImage
        self.previousImage = previousImage
    }

    private var firmware: any HostFirmware { layer.firmware }

    private func check(_ status: SeamcallStatus, _ step: UpdateStep, _ cpu: CPU, _ leaf: SeamcallLeaf) throws {
        guard status.isError else { return }
        throw UpdateStepError(step: step, cpu: cpu.id, leaf: leaf.name ?? leaf.description, status: status)
    }

    /// SHUTDOWN (lead CPU): read MODULE_HV (a failed read only warns and uses 0, as the
    /// kernel does), then TDH.SYS.SHUTDOWN at that version; on success the kernel forgets
    /// the module.
    func shutdown(on cpu: CPU) throws {
        try layer.duringUpdateStep {
            let handoffVersion: UInt16
            if layer.mode == .free {
                handoffVersion = 0
            } else {
                handoffVersion = (try? firmware.readModuleHandoffVersion(lp: cpu.index).get()) ?? 0
            }
            captureDigests(into: digestsBefore)
            let status = layer.updateCall(step: .shutdown, cpu: cpu.id, leaf: .sysShutdown) {
                firmware.shutdown(lp: cpu.index, handoffVersion: handoffVersion)
            }
            if status.isError { captureDigests(into: digestsAfter) }
            try check(status, .shutdown, cpu, .sysShutdown)
            kernel.moduleShutDown()
            shutdownSucceeded.store(true, ordering: .releasing)
        }
    }

    /// Reads every TD's digest (TD state lives in memory outside the module; reading it is
    /// not a SEAMCALL). Skipped with free firmware.
    private func captureDigests(into slot: ThreadLocked<[[UInt8]]?>) {
        guard layer.mode == .model else { return }
        let digests = (0..<firmware.tdCount).map { firmware.tdDigest($0) }
        slot.withLock { $0 = digests }
    }

    /// CPU_INSTALL (every CPU, one at a time): SEAMLDR.INSTALL of `image`.
    func install(_ image: UpdateImage, step: UpdateStep, on cpu: CPU) throws {
        try layer.duringUpdateStep {
            var reached = false
            let status = layer.updateCall(step: step, cpu: cpu.id, leaf: .seamldrInstall) {
                reached = true
                return firmware.install(lp: cpu.index, image: image)
            }
            if step == .install {
                installReachedFirmware.withLock { $0[cpu.index] = reached }
                installRegistered.withLock { $0[cpu.index] = !status.isError }
            }
            try check(status, step, cpu, .seamldrInstall)
        }
    }

    /// Recovery's INSTALL of the previous image on one CPU.
    ///
    /// P-SEAMLDR loads when the last LP of a session calls, and refuses a second call from
    /// an LP already in the session. If the new image's session is still open (some CPU's
    /// call failed before reaching the firmware), the CPUs already registered stay
    /// registered and only the others call, so the session ends with the previous image's
    /// parameters. When every CPU's call reached the firmware the session ended (the last
    /// one ran the checks), and every CPU installs the previous image in a fresh session.
    func recoverInstall(on cpu: CPU) throws {
        let registered = installRegistered.withLock { $0 }
        let reached = installReachedFirmware.withLock { $0 }
        let sessionStillOpen = registered.contains(true) && reached.contains(false)
        if sessionStillOpen && registered[cpu.index] { return }
        try install(previousImage, step: .recoverInstall, on: cpu)
    }

    /// CPU_INIT (every CPU at once): `tdx_cpu_enable()` = TDH.SYS.INIT once (the first CPU
    /// to get there; the others reuse its cached result), then TDH.SYS.LP.INIT here.
    func initialize(step: UpdateStep, on cpu: CPU) throws {
        try layer.duringUpdateStep {
            let global = kernel.initModuleGlobalOnce {
                layer.updateCall(step: step, cpu: cpu.id, leaf: .sysInit) { firmware.systemInit(lp: cpu.index) }
            }
            try check(global, step, cpu, .sysInit)
            let status = layer.updateCall(step: step, cpu: cpu.id, leaf: .sysLPInit) {
                firmware.lpInit(lp: cpu.index)
            }
            try check(status, step, cpu, .sysLPInit)
            kernel.markLPInitialized(cpu.index)
        }
    }

    /// RUN_UPDATE (lead CPU): TDH.SYS.UPDATE; on success re-read the version and mark the
    /// module initialized again.
    func restore(_ image: UpdateImage, step: UpdateStep, on cpu: CPU) throws {
        try layer.duringUpdateStep {
            let status = layer.updateCall(step: step, cpu: cpu.id, leaf: .sysUpdate) {
                firmware.update(lp: cpu.index)
            }
            try check(status, step, cpu, .sysUpdate)
            let version: ModuleVersion
            if versionRefreshFails {
                version = kernel.snapshot.version
            } else if layer.mode == .free {
                version = image.version
            } else {
                version = ModelFirmware.version(
                    reported: firmware.readModuleVersion(lp: cpu.index), known: image.version)
            }
            kernel.moduleRestored(version: version, image: image)
            captureDigests(into: digestsAfter)
        }
    }

    /// The procedure: the four mainline steps and, when `recovery` is on, three steps that
    /// install the previous image again. Recovery steps do nothing when shutdown itself
    /// failed (the old module still runs).
    func procedure(recovery: Bool, watchdog: Duration?) -> Procedure<UpdateRun> {
        let main: [Step<UpdateRun>] = [
            Step(UpdateStep.shutdown.rawValue, scope: .once()) { try $0.context.shutdown(on: $0.cpu) },
            Step(UpdateStep.install.rawValue, scope: .serial) {
                try $0.context.install($0.context.newImage, step: .install, on: $0.cpu)
            },
            Step(UpdateStep.`init`.rawValue, scope: .concurrent) {
                try $0.context.initialize(step: .`init`, on: $0.cpu)
            },
            Step(UpdateStep.restore.rawValue, scope: .once()) {
                try $0.context.restore($0.context.newImage, step: .restore, on: $0.cpu)
            },
        ]
        guard recovery else { return Procedure(name: "tdx-module-update", steps: main, watchdog: watchdog) }
        let recoverySteps: [Step<UpdateRun>] = [
            Step(UpdateStep.recoverInstall.rawValue, scope: .serial) { step in
                let run = step.context
                guard run.shutdownSucceeded.load(ordering: .acquiring) else { return }
                if step.cpu.index == 0 {
                    run.recoveryRan.store(true, ordering: .relaxed)
                    run.kernel.moduleShutDown()
                }
                try run.recoverInstall(on: step.cpu)
            },
            Step(UpdateStep.recoverInit.rawValue, scope: .concurrent) { step in
                guard step.context.shutdownSucceeded.load(ordering: .acquiring) else { return }
                try step.context.initialize(step: .recoverInit, on: step.cpu)
            },
            Step(UpdateStep.recoverRestore.rawValue, scope: .once()) { step in
                guard step.context.shutdownSucceeded.load(ordering: .acquiring) else { return }
                try step.context.restore(step.context.previousImage, step: .recoverRestore, on: step.cpu)
            },
        ]
        return Procedure(name: "tdx-module-update", steps: main, recovery: recoverySteps, watchdog: watchdog)
    }
}
