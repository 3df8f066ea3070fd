/// One step of a procedure: a name, a scope and a body that may throw to fail the step.
///
/// Every CPU finishes a step before any CPU starts the next, so everything a body writes
/// in step k is visible to every body of step k+1.
public struct Step<Context: Sendable>: Sendable {
    /// The step's name, used in reports and watchdog events.
    public let name: String
    /// Which CPUs run the body.
    public let scope: StepScope
    /// The work; throwing fails the step (and so the procedure) on this CPU.
    public let body: @Sendable (StepContext<Context>) throws -> Void

    /// A step named `name` running `body` on the CPUs `scope` selects.
    public init(
        _ name: String, scope: StepScope,
        body: @escaping @Sendable (StepContext<Context>) throws -> Void
    ) {
        self.name = name
        self.scope = scope
        self.body = body
    }
}
