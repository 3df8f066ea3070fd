import Lockstep
import SystemSupport
import TDXFirmware
import TDXImage
import TDXSysfs

/// The host kernel's TDX side: the cached module state, the update driver that runs the
/// procedure on `Lockstep` inside a stop-the-world, and the callbacks behind the
/// `tdx_host` attributes and the firmware-upload `write` op.
public final class TDXKernel: Sendable {
    /// The stop-the-world engine over the host's CPUs.
    public let machine: StopMachine
    /// The gate every TD SEAMCALL (and every sysfs read that needs a stable module) enters.
    public let gate: StopGate
    /// The SEAMCALL layer over the firmware.
    public let layer: SeamcallLayer
    /// How updates are checked and run.
    public let configuration: KernelConfiguration

    /// Whether the module reported TD-preserving support (TDX_FEATURES0 bit 1) when the
    /// kernel probed it: only then do the seamldr attributes and the upload files exist.
    public let updateInterfaceVisible: Bool

    let state: KernelModuleState
    private let updateLock = ThreadLock()
    private let readerToken: ThreadLocked<GateToken>
    private let last = ThreadLocked<UpdateAttempt?>(nil)
    private let updateObservers = ThreadLocked<[@Sendable (UpdateAttempt) -> Void]>([])
    private let watchdogObservers = ThreadLocked<[@Sendable (WatchdogEvent) -> Void]>([])

    /// Creates the kernel side for a module running `runningImage` at `version` on `machine`'s CPUs.
    public init(
        machine: StopMachine, layer: SeamcallLayer, runningImage: UpdateImage, version: ModuleVersion,
        configuration: KernelConfiguration
    ) {
        self.machine = machine
        self.gate = StopGate()
        self.layer = layer
        self.configuration = configuration
        self.state = KernelModuleState(cpuCount: machine.cpus.count, version: version, runningImage: runningImage)
        self.readerToken = ThreadLocked(gate.register())
        self.updateInterfaceVisible = layer.firmware.tdPreservingSupported(lp: 0)
    }

    /// The version the kernel believes runs, or nil when the module is not initialized.
    public var moduleVersion: ModuleVersion? {
        let snapshot = state.snapshot
        return snapshot.initialized ? snapshot.version : nil
    }

    /// The result of the last update attempt, if any.
    public var lastUpdate: UpdateAttempt? { last.withLock { $0 } }

    /// Calls `observer` after every update attempt, on the thread that ran it, before the
    /// firmware-upload status returns to idle (a served host writes its report there).
    public func observeUpdates(_ observer: @escaping @Sendable (UpdateAttempt) -> Void) {
        updateObservers.withLock { $0.append(observer) }
    }

    /// Calls `observer` each time the engine's watchdog names a CPU that has not finished
    /// a step of an update in time (the update keeps waiting for it).
    public func observeWatchdog(_ observer: @escaping @Sendable (WatchdogEvent) -> Void) {
        watchdogObservers.withLock { $0.append(observer) }
    }

    /// Runs `body` with the stop-the-world held off, as the kernel reads `version` with
    /// preemption disabled: it never sees a module mid-update.
    func withStableModule<R: Sendable>(_ body: () -> R) -> R {
        readerToken.withLock { token in token.withEntry(body) }
    }

    /// Checks an image and, when every precheck passes, updates the running module to it
    /// in one stop-the-world. One update at a time; a second caller waits.
    public func update(imageBytes: [UInt8]) -> UpdateAttempt {
        updateLock.withLock {
            let result = runUpdate(imageBytes)
            last.withLock { $0 = result }
            for observer in updateObservers.withLock({ $0 }) { observer(result) }
            return result
        }
    }

    private func runUpdate(_ bytes: [UInt8]) -> UpdateAttempt {
        let before = state.snapshot
        let parsed = UpdateImage.read(
            bytes, trusting: configuration.trust, versionHints: configuration.versionHints,
            acceptsV1: configuration.layout.takesV1Blobs)
        let image: UpdateImage
        switch parsed {
        case .failure(let refusal):
            return refused(refusal, before: before, imageVersion: nil)
        case .success(let value):
            image = value
        }
        if let refusal = Prechecks.check(precheckInput(image, before)) {
            return refused(refusal, before: before, imageVersion: image.version)
        }
        layer.firmware.stage(image)
        if configuration.recovery { layer.firmware.stage(before.runningImage) }
        layer.resetFailures()
        let run = UpdateRun(
            layer: layer, kernel: state, newImage: image, previousImage: before.runningImage,
            cpuCount: machine.cpus.count, versionRefreshFails: configuration.versionRefreshFails)
        let procedure = run.procedure(recovery: configuration.recovery, watchdog: configuration.watchdog)
        let watchdog = watchdogObservers.withLock { $0 }
        let report = machine.stopTheWorld(gate: gate, procedure, context: run) { event in
            for observer in watchdog { observer(event) }
        }
        let after = state.snapshot
        let shutDown = run.shutdownSucceeded.load(ordering: .acquiring)
        let outcome: UpdateOutcome
        switch report.outcome {
        case .completed:
            outcome = .completed
        case .failed, .recoveryFailed:
            outcome = shutDown ? .failedFatal : .failedHarmless
        case .recovered:
            outcome = !shutDown ? .failedHarmless : (after.initialized ? .recovered : .failedFatal)
        }
        return UpdateAttempt(
            outcome: outcome, refusal: nil, versionBefore: before.version,
            versionAfter: after.initialized ? after.version : nil, imageVersion: image.version,
            report: report, failures: layer.recordedFailures,
            recoveryRan: run.recoveryRan.load(ordering: .relaxed),
            tdDigestsBefore: run.digestsBefore.withLock { $0 },
            tdDigestsAfter: after.initialized ? run.digestsAfter.withLock { $0 } : nil)
    }

    private func precheckInput(_ image: UpdateImage, _ before: KernelModuleState.Snapshot) -> PrecheckInput {
        let firmware = layer.firmware
        let seamldr = withStableModule { firmware.seamldrInfo(lp: 0) }
            .mapError { PrecheckFailure.seamldrInfoFailed(status: $0.status.description) }
        let runningHV = withStableModule { try? firmware.readModuleHandoffVersion(lp: 0).get() }
        return PrecheckInput(
            image: image, moduleInitialized: before.initialized, runningVersion: before.version,
            runningModuleHV: runningHV ?? before.runningImage.moduleHV, seamldr: seamldr,
            cpuidEAX: configuration.cpuidEAX, minimumSeamldrVersion: configuration.minimumSeamldrVersion,
            offlineCPUs: configuration.offlineCPUs, tdsInBuild: firmware.tdsInBuild())
    }

    private func refused(
        _ refusal: PrecheckFailure, before: KernelModuleState.Snapshot, imageVersion: ModuleVersion?
    ) -> UpdateAttempt {
        UpdateAttempt(
            outcome: .failedHarmless, refusal: refusal, versionBefore: before.version,
            versionAfter: before.initialized ? before.version : nil, imageVersion: imageVersion, report: nil,
            failures: [], recoveryRan: false, tdDigestsBefore: nil, tdDigestsAfter: nil)
    }
}

extension TDXKernel: FirmwareUploadDriver {
    /// The TDX driver's `prepare`: nothing to do.
    public func prepare(_ image: [UInt8]) -> UploadError? { nil }

    /// The TDX driver's `write`: the whole update, synchronously; every failure becomes
    /// FW_UPLOAD_ERR_FW_INVALID, success consumes the whole image.
    public func write(_ image: [UInt8], offset: Int) -> Result<Int, UploadError> {
        let result = update(imageBytes: Array(image[offset...]))
        return result.outcome == .completed ? .success(image.count - offset) : .failure(.firmwareInvalid)
    }

    /// The TDX driver's `poll_complete`: the update already finished in `write`.
    public func pollComplete() -> UploadError? { nil }

    /// The TDX driver's `cancel`: updates cannot be cancelled.
    public func cancel() {}
}

extension TDXKernel: TDXHostAttributeSource {
    /// `version`: the cached version while the module is initialized.
    public func moduleVersionText() -> String? {
        withStableModule { moduleVersion?.description }
    }

    /// `seamldr_version` and `num_remaining_updates`: a SEAMLDR.INFO call.
    public func seamldrInfoText() -> Result<(version: String, remainingUpdates: UInt32), HostFileError> {
        let firmware = layer.firmware
        return withStableModule { firmware.seamldrInfo(lp: 0) }
            .map { (version: $0.version.description, remainingUpdates: $0.remainingUpdates) }
            .mapError { HostFileError(path: "", errno: .ioError, detail: "SEAMLDR.INFO returned \($0.status)") }
    }

}
