import Lockstep
import Synchronization
import Testing

/// The engine example of README.md, compiled and run, so the README cannot drift from the API.
@Suite("README example")
struct ReadmeExampleTests {
    final class UpdateState: Sendable {
        let shutdowns = Atomic<Int>(0)
        let installs = Atomic<Int>(0)
        let initialised = Atomic<Int>(0)
    }

    @Test(.timeLimit(.minutes(1)))
    func readmeExampleRunsEveryStepInLockstep() throws {
        let state = UpdateState()
        let machine = try StopMachine(cpus: .simulated(count: 4))
        defer { machine.shutdown() }
        let gate = StopGate()
        let report = machine.stopTheWorld(
            gate: gate,
            Procedure(
                name: "update",
                steps: [
                    Step("shutdown", scope: .once()) { ctx in
                        ctx.context.shutdowns.wrappingAdd(1, ordering: .relaxed)
                    },
                    Step("install", scope: .serial) { ctx in
                        #expect(ctx.context.shutdowns.load(ordering: .relaxed) == 1)
                        ctx.context.installs.wrappingAdd(1, ordering: .relaxed)
                    },
                    Step("init", scope: .concurrent) { ctx in
                        #expect(ctx.context.installs.load(ordering: .relaxed) == 4)
                        ctx.context.initialised.wrappingAdd(1, ordering: .relaxed)
                    },
                ], watchdog: .seconds(1)), context: state)
        #expect(report.outcome == .completed)
        #expect(report.errors.isEmpty)
        #expect(state.initialised.load(ordering: .relaxed) == 4)
        #expect(report.steps.map(\.name) == ["shutdown", "install", "init"])
        #expect(try !report.chromeTraceJSON().isEmpty)
    }
}
