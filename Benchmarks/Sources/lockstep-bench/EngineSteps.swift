import BenchSupport

/// The Lockstep engine's rows. Filled in once the engine lands on this branch.
enum EngineSteps {
    static func transitionContender(threads: Int, pinned: Bool) throws -> Contender? { nil }
}

/// Serial hand-off and gate measurements of the engine.
enum EngineExtras {
    static func measure(into result: inout LockstepResult, cpus: [Int], plan: MeasurementPlan, progress: Progress)
        throws
    {}
}
