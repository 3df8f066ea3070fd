import Synchronization
import SystemSupport
import TDXFirmware

/// The host's one way to make SEAMCALLs: every update step and every TD workload call goes
/// through here.
///
/// It adds three things to the firmware: fault injection by update step and CPU, the
/// "free firmware" mode, and an overlap detector that proves no TD SEAMCALL runs while an
/// update call runs (the promise the stop-the-world makes). The detector is a Dekker pair:
/// each side announces itself with a sequentially consistent increment, then looks at the
/// other side's counter; when the work of two calls overlaps, at least one side sees it.
public final class SeamcallLayer: Sendable {
    /// The firmware the calls go to.
    public let firmware: any HostFirmware
    /// Whether calls run the firmware model or are free.
    public let mode: FirmwareMode

    private let pendingFaults: ThreadLocked<[StepFault]>
    private let failures = ThreadLocked<[FirmwareCallFailure]>([])
    private let tdCallsInFlight = Atomic<Int>(0)
    private let updateStepsRunning = Atomic<Int>(0)
    private let overlaps = Atomic<Int>(0)
    private let tdCallCount = Atomic<Int>(0)
    private let updateCallCount = Atomic<Int>(0)

    /// Creates the layer over `firmware`; `faults` fire once each.
    public init(firmware: any HostFirmware, mode: FirmwareMode = .model, faults: [StepFault] = []) {
        self.firmware = firmware
        self.mode = mode
        self.pendingFaults = ThreadLocked(faults)
    }

    /// How many times a TD SEAMCALL and an update call were seen running at once. The
    /// stop-the-world guarantees 0.
    public var seamcallOverlaps: Int { overlaps.load(ordering: .sequentiallyConsistent) }
    /// TD SEAMCALLs made so far.
    public var tdCalls: Int { tdCallCount.load(ordering: .relaxed) }
    /// Update SEAMCALLs made so far (injected failures included).
    public var updateCalls: Int { updateCallCount.load(ordering: .relaxed) }

    /// Every failed update call so far, in the order they returned.
    public var recordedFailures: [FirmwareCallFailure] { failures.withLock { $0 } }

    /// Forgets recorded failures (at the start of each update).
    func resetFailures() { failures.withLock { $0.removeAll() } }

    /// Adds faults to fire during later updates.
    public func inject(_ faults: [StepFault]) { pendingFaults.withLock { $0 += faults } }

    /// The faults that have not fired yet.
    public var unfiredFaults: [StepFault] { pendingFaults.withLock { $0 } }

    /// Runs one CPU's work of an update step, marked for the overlap detector: a TD
    /// SEAMCALL whose work overlaps `body` counts as an overlap.
    public func duringUpdateStep<R>(_ body: () throws -> R) rethrows -> R {
        updateStepsRunning.wrappingAdd(1, ordering: .sequentiallyConsistent)
        if tdCallsInFlight.load(ordering: .sequentiallyConsistent) != 0 {
            overlaps.wrappingAdd(1, ordering: .sequentiallyConsistent)
        }
        defer {
            if tdCallsInFlight.load(ordering: .sequentiallyConsistent) != 0 {
                overlaps.wrappingAdd(1, ordering: .sequentiallyConsistent)
            }
            updateStepsRunning.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        }
        return try body()
    }

    /// Makes one update SEAMCALL for `step` on CPU `cpu`: an injected fault for this
    /// (step, CPU) fires instead of the call; free mode skips the call.
    public func updateCall(
        step: UpdateStep, cpu: Int, leaf: SeamcallLeaf, _ call: () -> SeamcallStatus
    ) -> SeamcallStatus {
        updateCallCount.wrappingAdd(1, ordering: .relaxed)
        let fault = pendingFaults.withLock { faults -> StepFault? in
            guard let index = faults.firstIndex(where: { $0.step == step && $0.cpu == cpu }) else { return nil }
            return faults.remove(at: index)
        }
        if let fault {
            if fault.hangs { Self.hangForever() }
            let status = fault.status ?? FaultInjection.defaultStatus(for: leaf)
            record(step: step, cpu: cpu, leaf: leaf, status: status, injected: true)
            return status
        }
        if mode == .free { return .success }
        let status = call()
        if status.isError { record(step: step, cpu: cpu, leaf: leaf, status: status, injected: false) }
        return status
    }

    /// A firmware call that never returns: the calling CPU is stuck for good (until the
    /// process ends), as a CPU wedged inside SEAM mode would be.
    private static func hangForever() -> Never {
        let lock = ThreadLock()
        lock.withLock { _ = lock.wait { false } }
        fatalError("a hung firmware call returned")
    }

    private func record(step: UpdateStep, cpu: Int, leaf: SeamcallLeaf, status: SeamcallStatus, injected: Bool) {
        let failure = FirmwareCallFailure(
            step: step, cpu: cpu, leaf: leaf.name ?? leaf.description, status: status, injected: injected)
        failures.withLock { $0.append(failure) }
    }

    /// Makes one TD SEAMCALL (the TD runs a while on `lp`). Call it inside the stop gate.
    public func tdCall(td: Int, lp: Int) -> SeamcallStatus {
        tdCallCount.wrappingAdd(1, ordering: .relaxed)
        tdCallsInFlight.wrappingAdd(1, ordering: .sequentiallyConsistent)
        if updateStepsRunning.load(ordering: .sequentiallyConsistent) != 0 {
            overlaps.wrappingAdd(1, ordering: .sequentiallyConsistent)
        }
        let status = mode == .free ? .success : firmware.runTD(td, lp: lp)
        tdCallsInFlight.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        return status
    }
}
