import Lockstep
import TDXImage

/// Everything one update attempt did: how it ended, the versions, and, when anything was
/// stopped, the engine's step-by-step report and the firmware calls that failed.
public struct UpdateAttempt: Sendable {
    /// How it ended.
    public let outcome: UpdateOutcome
    /// The precheck that refused the image (nothing was stopped), or nil.
    public let refusal: PrecheckFailure?
    /// The version running before.
    public let versionBefore: ModuleVersion
    /// The version running after, or nil when no module runs (`version` reads ENXIO).
    public let versionAfter: ModuleVersion?
    /// The image's version, when it could be read.
    public let imageVersion: ModuleVersion?
    /// The stop-the-world's report (steps, per-CPU timings, errors, stoppedNs), or nil
    /// when a precheck refused the image.
    public let report: ProcedureReport?
    /// Every firmware call that failed during the update, in order.
    public let failures: [FirmwareCallFailure]
    /// Whether the recovery steps did work (false when they were off or not needed).
    public let recoveryRan: Bool
    /// Every TD's state digest just before shutdown (nil when refused or free firmware).
    public let tdDigestsBefore: [[UInt8]]?
    /// Every TD's state digest when a module ran them again (nil when none does).
    public let tdDigestsAfter: [[UInt8]]?

    /// Whether every TD's state is byte-for-byte what it was before the update, and a
    /// module runs it: true after a refusal, a completed update, a harmless failure or a
    /// recovery that kept the TDs; false when the TDs were lost.
    public var tdsPreserved: Bool {
        if refused { return true }
        guard let before = tdDigestsBefore else { return outcome != .failedFatal }
        guard let after = tdDigestsAfter else { return false }
        return before == after
    }

    /// True when nothing was stopped because a precheck refused the image.
    public var refused: Bool { refusal != nil }

    /// How long TD SEAMCALLs were held off: gate closed -> reopened, in ns (0 if refused).
    public var blackoutNs: UInt64 { report?.stoppedNs ?? 0 }
}
