/// The procedure slot's content: written by the coordinator before its release of
/// `epoch`, read once by each stopper after its acquire of `epoch`, never written while a
/// stopper could still read it.
final class PublishedProcedure: Sendable {
    let name: String
    let main: [ErasedStep]
    let recovery: [ErasedStep]
    /// `arrivals` when the procedure was published (`A0`).
    let arrivalsBase: UInt32
    /// `turn` when the procedure was published (`T0`).
    let turnBase: UInt32
    /// The two parity failure counters when the procedure was published (`F0`).
    let failureBases: FailureBases
    /// Lifetime steps every CPU had finished when the procedure was published (`L0`).
    let lifetimeStepBase: UInt32
    /// Whether the last arriver of each step publishes the next step's tag and start time.
    let tracksSteps: Bool
    /// `main` and `recovery` as unretained references for the stoppers.
    let mainSteps: UnretainedSteps
    let recoverySteps: UnretainedSteps

    struct FailureBases: Sendable {
        let even: UInt32
        let odd: UInt32
    }

    init(
        name: String, main: [ErasedStep], recovery: [ErasedStep], arrivalsBase: UInt32,
        turnBase: UInt32, failureBases: FailureBases, lifetimeStepBase: UInt32, tracksSteps: Bool
    ) {
        self.name = name
        self.main = main
        self.recovery = recovery
        self.arrivalsBase = arrivalsBase
        self.turnBase = turnBase
        self.failureBases = failureBases
        self.lifetimeStepBase = lifetimeStepBase
        self.tracksSteps = tracksSteps
        mainSteps = UnretainedSteps(main)
        recoverySteps = UnretainedSteps(recovery)
    }

    deinit {
        mainSteps.deallocate()
        recoverySteps.deallocate()
    }

    /// The most steps the executed sequence can hold.
    var maximumExecutedSteps: Int { main.count + recovery.count }

    func step(at cursor: StepCursor) -> ErasedStep {
        cursor.inRecovery ? recovery[cursor.position] : main[cursor.position]
    }

    /// The step at `cursor`, unretained: valid while this procedure lives.
    @inline(__always)
    func unretainedStep(at cursor: StepCursor) -> Unmanaged<ErasedStep> {
        cursor.inRecovery ? recoverySteps[cursor.position] : mainSteps[cursor.position]
    }

    @inline(__always)
    func next(after cursor: StepCursor, failed: Bool) -> StepCursor? {
        cursor.next(failed: failed, mainCount: mainSteps.count, recoveryCount: recoverySteps.count)
    }
}
