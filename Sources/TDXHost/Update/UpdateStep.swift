/// The steps of the TD-preserving update, in the order the kernel runs them (spec 1.3),
/// followed by the opt-in recovery steps that re-install the previous image.
public enum UpdateStep: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// TDH.SYS.SHUTDOWN on the lead CPU at the running module's handoff version.
    case shutdown
    /// SEAMLDR.INSTALL of the new image on every CPU, one at a time.
    case install
    /// TDH.SYS.INIT once, then TDH.SYS.LP.INIT on every CPU, concurrently.
    case `init`
    /// TDH.SYS.UPDATE on the lead CPU: the new module takes over the handoff data.
    case restore
    /// Recovery: SEAMLDR.INSTALL of the previous image on every CPU, one at a time.
    case recoverInstall = "recover-install"
    /// Recovery: TDH.SYS.INIT once and TDH.SYS.LP.INIT on every CPU for the previous image.
    case recoverInit = "recover-init"
    /// Recovery: TDH.SYS.UPDATE so the previous module resumes the TDs.
    case recoverRestore = "recover-restore"

    /// The four steps of the mainline procedure.
    public static let mainSteps: [UpdateStep] = [.shutdown, .install, .`init`, .restore]
    /// The recovery steps, run only after a main step failed once the old module was shut down.
    public static let recoverySteps: [UpdateStep] = [.recoverInstall, .recoverInit, .recoverRestore]

    /// True for the steps that run on one CPU only.
    public var runsOnce: Bool { self == .shutdown || self == .restore || self == .recoverRestore }

    public var description: String { rawValue }
}
