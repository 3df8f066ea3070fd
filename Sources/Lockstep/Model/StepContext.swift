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
