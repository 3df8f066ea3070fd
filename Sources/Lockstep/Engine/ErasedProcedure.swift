/// A procedure with its context bound into every step: what the non-generic engine runs.
///
/// `StopMachine.run` builds it in inlinable code, so the per-step closures are specialised
/// for the caller's concrete `Context`; everything after this point is non-generic.
@usableFromInline
struct ErasedProcedure: Sendable {
    /// A `once` step whose CPU id is not in the machine's set: the procedure is refused.
    @usableFromInline
    struct UnplacedStep: Sendable {
        let name: String
        let position: Int
        let isRecovery: Bool
        let scope: StepScope

        @usableFromInline
        init(name: String, position: Int, isRecovery: Bool, scope: StepScope) {
            self.name = name
            self.position = position
            self.isRecovery = isRecovery
            self.scope = scope
        }
    }

    let name: String
    let watchdog: Duration?
    let firstStepName: String
    @usableFromInline var main: [ErasedStep] = []
    @usableFromInline var recovery: [ErasedStep] = []
    @usableFromInline var unplacedStep: UnplacedStep?

    @usableFromInline
    init(name: String, watchdog: Duration?, firstStepName: String) {
        self.name = name
        self.watchdog = watchdog
        self.firstStepName = firstStepName
    }
}
