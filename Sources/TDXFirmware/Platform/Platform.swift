import Synchronization
import SystemSupport

/// A simulated TDX platform: N logical processors, P-SEAMLDR, the TDX module in the SEAM range, TDs in
/// private memory, and host physical memory. Every firmware call names the LP that makes it.
///
/// Thread safety: every method may be called from any thread. Firmware state sits behind one lock;
/// P-SEAMLDR's one-LP-at-a-time rule is an atomic occupancy word, so a concurrent P-SEAMLDR call really
/// is refused (and counted in ``concurrentSeamldrCallsRefused``) rather than serialized. The model knows
/// nothing of threads beyond that: which thread plays which LP is the caller's business.
public final class Platform: Sendable {
    /// The power-on configuration.
    public let configuration: PlatformConfiguration
    /// Host physical memory, where images and SEAMLDR_PARAMS are staged.
    public let memory: PhysicalMemory

    private let state: ThreadLocked<PlatformState>
    let verifier: ImageVerifier
    /// LP inside P-SEAMLDR, or -1.
    let seamldrOccupant = Atomic<Int>(-1)
    let seamldrRefusals = Atomic<Int>(0)
    let seamldrCalls = Atomic<Int>(0)
    let moduleCalls = Atomic<Int>(0)
    let vmcsInvalidationCount = Atomic<Int>(0)
    /// LPs currently executing a TDX module leaf (the module's per-LP "busy in SEAM" marks).
    let lpsInModule = Atomic<Int>(0)
    let hasInjections = Atomic<Bool>(false)
    let injections = ThreadLocked<[FaultInjection]>([])
    let injectedLog = ThreadLocked<[InjectedFault]>([])

    /// Powers on a platform: P-SEAMLDR present with `seamdbCapacity` slots, no TDX module, no TDs.
    public init(configuration: PlatformConfiguration, memory: PhysicalMemory = PhysicalMemory()) {
        self.configuration = configuration
        self.memory = memory
        verifier = ImageVerifier(
            trust: configuration.trust, verification: configuration.policy.verification)
        let initial = PlatformState(
            lpCount: configuration.processors.count, seamdbCapacity: configuration.seamdbCapacity)
        initial._checkInvariants()
        state = ThreadLocked(initial)
    }

    /// Number of LPs.
    public var lpCount: Int { configuration.processors.count }

    // MARK: Fault injection

    /// Adds a fault-injection rule; matching calls fail with its status and change nothing.
    public func inject(_ rule: FaultInjection) {
        injections.withLock { $0.append(rule) }
        hasInjections.store(true, ordering: .releasing)
    }

    /// Removes every fault-injection rule (the log of injected faults stays).
    public func clearInjections() {
        injections.withLock { $0.removeAll() }
        hasInjections.store(false, ordering: .releasing)
    }

    /// Every call a fault-injection rule failed, in order.
    public var injectedFaults: [InjectedFault] { injectedLog.withLock { $0 } }

    func takeInjection(_ leaf: SeamcallLeaf, lp: Int) -> SeamcallStatus? {
        guard hasInjections.load(ordering: .acquiring) else { return nil }
        let status: SeamcallStatus? = injections.withLock { rules in
            guard let index = rules.firstIndex(where: { $0.leaf == leaf && ($0.lp == nil || $0.lp == lp) }) else {
                return nil
            }
            let status = rules[index].status
            if let remaining = rules[index].remaining {
                if remaining <= 1 { rules.remove(at: index) } else { rules[index].remaining = remaining - 1 }
            }
            return status
        }
        if let status { injectedLog.withLock { $0.append(InjectedFault(leaf: leaf, lp: lp, status: status)) } }
        return status
    }

    // MARK: Call plumbing

    /// Checks the LP number and fault injection, common to every leaf.
    func admit(_ leaf: SeamcallLeaf, lp: Int) throws(SeamcallFailure) {
        guard configuration.processors.indices.contains(lp) else {
            throw SeamcallFailure(
                leaf: leaf, lp: lp, status: .undefinedOpcode,
                reason: "LP \(lp) does not exist (platform has \(lpCount) LPs)")
        }
        if let status = takeInjection(leaf, lp: lp) {
            throw SeamcallFailure(leaf: leaf, lp: lp, status: status, injected: true, reason: "fault injection")
        }
    }

    /// Runs `body` on the firmware state under the lock, then checks the state's invariants (debug builds):
    /// the one way the state changes.
    func mutate<T, Failure: Error>(_ body: (inout PlatformState) throws(Failure) -> T) throws(Failure) -> T {
        try state.withLock { (state: inout PlatformState) throws(Failure) -> T in
            defer { state._checkInvariants() }
            return try body(&state)
        }
    }

    /// Runs `body` on the firmware state under the lock, without changing it.
    func read<T>(_ body: (PlatformState) -> T) -> T {
        state.withLock { body($0) }
    }

    /// Runs a TDX module leaf: admission, the LP's busy mark, then under the lock the dispatcher's gating and
    /// `handler` with the module the call runs on (see ``PlatformState/dispatch(_:lp:to:)``).
    func moduleCall<T>(
        _ leaf: SeamcallLeaf, lp: Int,
        _ handler: (inout ModuleInstance, inout PlatformState) throws(Refusal) -> T
    ) throws(SeamcallFailure) -> T {
        try admit(leaf, lp: lp)
        moduleCalls.add(1, ordering: .relaxed)
        lpsInModule.add(1, ordering: .acquiringAndReleasing)
        defer { lpsInModule.subtract(1, ordering: .acquiringAndReleasing) }
        do throws(Refusal) {
            return try mutate { (state: inout PlatformState) throws(Refusal) -> T in
                try state.dispatch(leaf, lp: lp, to: handler)
            }
        } catch {
            throw SeamcallFailure(leaf: leaf, lp: lp, status: error.status, reason: error.reason)
        }
    }
}
