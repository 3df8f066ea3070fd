/// An ordered list of steps run in lockstep on every CPU, with optional recovery steps
/// that run (also in lockstep) when a main step fails.
public struct Procedure<Context: Sendable>: Sendable {
    /// The procedure's name, used in reports.
    public let name: String
    /// The main steps, in order.
    public let steps: [Step<Context>]
    /// Steps run after the first failing main step; a failing recovery step ends recovery.
    public let recovery: [Step<Context>]
    /// Per-step deadline: CPUs that have not finished a step by then are reported as
    /// `WatchdogEvent`s (the others keep waiting). nil: no watchdog.
    public let watchdog: Duration?

    /// A procedure of `steps`, with `recovery` steps for when one fails, and an optional
    /// per-step `watchdog` deadline.
    public init(
        name: String, steps: [Step<Context>], recovery: [Step<Context>] = [],
        watchdog: Duration? = nil
    ) {
        self.name = name
        self.steps = steps
        self.recovery = recovery
        self.watchdog = watchdog
    }
}
