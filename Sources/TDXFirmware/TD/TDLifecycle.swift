/// Where a TD is in its life (TDR/TDCS state in the module, simplified).
public enum TDLifecycle: String, Hashable, Sendable, Codable {
    /// TDH.MNG.CREATE done: key assigned, not yet configured.
    case created
    /// TDH.MNG.INIT done: the measured build is in progress (pages added, MRTD accumulating).
    case building
    /// TDH.MR.FINALIZE done: MRTD final, vCPUs may run.
    case runnable
}
