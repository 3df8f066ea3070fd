/// Identifies a TD the way the host does: by the physical address of its TDR page.
public struct TDHandle: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The TDR page's physical address.
    public var rawValue: UInt64

    /// Wraps a TDR address.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Orders by address (creation order in this model).
    public static func < (lhs: TDHandle, rhs: TDHandle) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `TD@0x200000001000`.
    public var description: String { "TD@0x\(String(rawValue, radix: 16))" }
}

/// Where a TD is in its life (TDR/TDCS state in the module, simplified).
public enum TDLifecycle: String, Hashable, Sendable, Codable {
    /// TDH.MNG.CREATE done: key assigned, not yet configured.
    case created
    /// TDH.MNG.INIT done: the measured build is in progress (pages added, MRTD accumulating).
    case building
    /// TDH.MR.FINALIZE done: MRTD final, vCPUs may run.
    case runnable
}

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
