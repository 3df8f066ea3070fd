/// A step with its context bound and its scope resolved to a CPU index: what a stopper
/// thread runs, whatever the procedure's `Context` type.
///
/// A class with `let` fields so that stoppers can call it through an unretained reference:
/// copying a closure out of an array retains its context, and a context shared by every
/// CPU would bounce its reference count between them on every step.
@usableFromInline
final class ErasedStep: Sendable {
    @usableFromInline
    enum Scope: Sendable, Equatable {
        case once(index: Int)
        case serial
        case concurrent
    }

    let name: String
    let scope: Scope
    let scopeName: String
    let body: @Sendable (CPU, Int) throws -> Void

    @usableFromInline
    init(name: String, scope: Scope, scopeName: String, body: @escaping @Sendable (CPU, Int) throws -> Void) {
        self.name = name
        self.scope = scope
        self.scopeName = scopeName
        self.body = body
    }
}

/// Unretained references to the steps of one list, in plain memory, for the stoppers'
/// hot loop (no reference counting per step). The owning arrays live in the same
/// `PublishedProcedure`, which outlives every use.
struct UnretainedSteps: @unchecked Sendable {
    private let references: UnsafeMutablePointer<Unmanaged<ErasedStep>>
    let count: Int

    init(_ steps: [ErasedStep]) {
        count = steps.count
        references = .allocate(capacity: max(1, steps.count))
        references.initialize(from: steps.map { Unmanaged.passUnretained($0) }, count: steps.count)
    }

    func deallocate() {
        references.deallocate()
    }

    @inline(__always)
    subscript(position: Int) -> Unmanaged<ErasedStep> { references[position] }
}

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

/// What the stoppers find in the procedure slot after `epoch` moves.
enum Publication: Sendable {
    case idle
    case run(PublishedProcedure)
    case exit
}
