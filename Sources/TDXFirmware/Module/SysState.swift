/// The TDX module's global state (`sys_state` in the 1.5.01 source).
public enum SysState: UInt8, Sendable, Hashable, Codable, CustomStringConvertible, CaseIterable {
    /// Freshly installed; waiting for TDH.SYS.INIT.
    case sysinitPending = 0
    /// TDH.SYS.INIT done; LPs run TDH.SYS.LP.INIT; then CONFIG (boot) or UPDATE (update).
    case sysinitDone = 1
    /// TDH.SYS.CONFIG done; waiting for TDH.SYS.KEY.CONFIG on every package.
    case sysconfigDone = 2
    /// Fully initialised; every leaf runs.
    case sysReady = 3
    /// TDH.SYS.SHUTDOWN done; handoff data written; only TDH.SYS.LP.SHUTDOWN runs.
    case sysShutdown = 4

    /// The source's spelling: `SYSINIT_PENDING`, `SYS_READY`...
    public var description: String {
        switch self {
        case .sysinitPending: "SYSINIT_PENDING"
        case .sysinitDone: "SYSINIT_DONE"
        case .sysconfigDone: "SYSCONFIG_DONE"
        case .sysReady: "SYS_READY"
        case .sysShutdown: "SYS_SHUTDOWN"
        }
    }
}
