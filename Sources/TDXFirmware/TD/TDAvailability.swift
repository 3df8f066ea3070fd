/// Whether a TD can still be used, as seen from outside the module.
public enum TDAvailability: Hashable, Sendable, CustomStringConvertible {
    /// The running module knows the TD's key and is ready: TD leaves work.
    case available
    /// TD state is intact in TDX-private memory but no ready module can run it (module shut down, being
    /// replaced, gone after a failed install, or not initialised). A preserving recovery can bring it back.
    case unreachable(SeamcallStatus)
    /// The TD is gone: a module was initialised without its handoff data (the non-update init sequence
    /// after a failed update), so its key and pages were reclaimed.
    case lost

    /// `available`, `unreachable: TDX_SYS_SHUTDOWN (...)`, `lost`.
    public var description: String {
        switch self {
        case .available: "available"
        case .unreachable(let status): "unreachable: \(status)"
        case .lost: "lost"
        }
    }
}
