/// Which CPUs run a step's body.
public enum StepScope: Sendable, Hashable, CustomStringConvertible {
    /// One CPU, given by its id; nil means the lead CPU (index 0).
    case once(cpu: Int? = nil)
    /// Every CPU in ascending index order, never two at once.
    case serial
    /// Every CPU at the same time.
    case concurrent

    /// The scope's name in reports: "once", "serial" or "concurrent".
    public var name: String {
        switch self {
        case .once: "once"
        case .serial: "serial"
        case .concurrent: "concurrent"
        }
    }

    public var description: String {
        if case .once(let cpu?) = self { return "once(cpu: \(cpu))" }
        return name
    }
}

/// What a step body is told: where it runs, which step it is, and the shared context.
public struct StepContext<Context: Sendable>: Sendable {
    /// The CPU running the body.
    public let cpu: CPU
    /// The step's index in the executed sequence (main steps, then recovery steps).
    public let stepIndex: Int
    /// The step's name.
    public let stepName: String
    /// The context passed to `StopMachine.run(_:context:onWatchdog:)`, shared by every CPU.
    public let context: Context

    @usableFromInline
    init(cpu: CPU, stepIndex: Int, stepName: String, context: Context) {
        self.cpu = cpu
        self.stepIndex = stepIndex
        self.stepName = stepName
        self.context = context
    }
}

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
