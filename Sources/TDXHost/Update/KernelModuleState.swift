import SystemSupport
import TDXFirmware
import TDXImage

/// The kernel's view of the TDX module (`tdx_module_state`, the per-CPU
/// `tdx_lp_initialized` flags and the cached version), as spec section 1.3 resets and
/// restores it during an update.
///
/// Every change goes through `mutate`, which checks the snapshot's invariants afterwards in
/// debug builds (`Snapshot._checkInvariants()`).
final class KernelModuleState: Sendable {
    struct Snapshot: Sendable {
        /// `tdx_module_state.initialized`: false from a successful shutdown until a
        /// successful TDH.SYS.UPDATE; `version` reads ENXIO while false.
        var initialized: Bool
        /// `sysinit_done`: TDH.SYS.INIT was issued (its result is cached).
        var sysinitDone: Bool
        /// `sysinit_ret`: the cached TDH.SYS.INIT status.
        var sysinitStatus: SeamcallStatus
        /// Per-CPU `tdx_lp_initialized`, by CPU index.
        var lpInitialized: [Bool]
        /// The cached `tdx_sysinfo.version`.
        var version: ModuleVersion
        /// The image the running module was installed from (for recovery).
        var runningImage: UpdateImage
    }

    private let state: ThreadLocked<Snapshot>

    init(cpuCount: Int, version: ModuleVersion, runningImage: UpdateImage) {
        let initial = Snapshot(
            initialized: true, sysinitDone: true, sysinitStatus: .success,
            lpInitialized: Array(repeating: true, count: cpuCount), version: version,
            runningImage: runningImage)
        initial._checkInvariants()
        state = ThreadLocked(initial)
    }

    var snapshot: Snapshot { state.withLock { $0 } }

    /// Runs `body` on the state under the lock, then checks its invariants (debug builds).
    func mutate<Result>(_ body: (inout Snapshot) -> Result) -> Result {
        state.withLock { snapshot in
            defer { snapshot._checkInvariants() }
            return body(&snapshot)
        }
    }

    /// After a successful TDH.SYS.SHUTDOWN: the module is gone until restored.
    func moduleShutDown() {
        mutate {
            $0.initialized = false
            $0.sysinitDone = false
            $0.sysinitStatus = .success
            for index in $0.lpInitialized.indices { $0.lpInitialized[index] = false }
        }
    }

    /// `try_init_module_global()`: the first caller runs `sysInit` and caches its status;
    /// later callers get the cached status.
    func initModuleGlobalOnce(_ sysInit: () -> SeamcallStatus) -> SeamcallStatus {
        mutate { s in
            if !s.sysinitDone {
                s.sysinitStatus = sysInit()
                s.sysinitDone = true
            }
            return s.sysinitStatus
        }
    }

    func markLPInitialized(_ index: Int) {
        mutate { $0.lpInitialized[index] = true }
    }

    /// After a successful TDH.SYS.UPDATE: the module runs `image` at `version`.
    func moduleRestored(version: ModuleVersion, image: UpdateImage) {
        mutate {
            $0.version = version
            $0.runningImage = image
            $0.initialized = true
        }
    }
}
