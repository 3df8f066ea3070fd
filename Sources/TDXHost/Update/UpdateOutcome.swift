/// How an update attempt ended, in the terms an operator acts on.
public enum UpdateOutcome: String, Sendable, Codable, CaseIterable {
    /// The new module runs; every TD was preserved.
    case completed
    /// Refused by a precheck before anything stopped, or failed in shutdown: the old module
    /// still runs and every TD is untouched. The operator may fix the cause and retry.
    case failedHarmless = "failed_harmless"
    /// Failed after the old module was shut down: no module runs (`version` reads ENXIO),
    /// TDs are lost; a reboot is needed.
    case failedFatal = "failed_fatal"
    /// Failed after shutdown, then the previous image was installed again and resumed the
    /// TDs (the spec's second way out; opt-in).
    case recovered
}
