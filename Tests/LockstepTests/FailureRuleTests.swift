import Synchronization
import Testing

@testable import Lockstep

/// The failure rule: every CPU finishes the failing step, none starts a later one, every
/// error is kept with its CPU and step; recovery steps then run in lockstep.
@Suite("Failure rule and recovery", .timeLimit(.minutes(3)))
struct FailureRuleTests {
    static let cpuCount = 4
    static let scopes: [StepScope] = [.concurrent, .serial, .once(cpu: 2), .concurrent]

    static func procedure(
        failAt failures: Set<[Int]>, ledger: StepLedger, recovery: [Step<Void>] = []
    ) -> Procedure<Void> {
        let steps = scopes.enumerated().map { index, scope in
            Step<Void>("step-\(index)", scope: scope) { context in
                ledger.started[index].increment()
                defer { ledger.completed[index].increment() }
                if failures.contains([index, context.cpu.index]) {
                    throw InjectedFailure(step: index, cpu: context.cpu.id)
                }
            }
        }
        return Procedure(name: "four-steps", steps: steps, recovery: recovery)
    }

    static let allPairs: [(Int, Int)] = (0..<4).flatMap { step in (0..<cpuCount).map { (step, $0) } }

    @Test("a failure at every (step, CPU) of a 4-step procedure", arguments: allPairs)
    func failureAt(step: Int, cpu: Int) throws {
        let machine = try StopMachine(cpus: .simulated(count: Self.cpuCount))
        defer { machine.shutdown() }
        let ledger = StepLedger(steps: 4)
        let report = machine.run(Self.procedure(failAt: [[step, cpu]], ledger: ledger), context: ())
        let runners = { (index: Int) in Self.scopes[index] == .once(cpu: 2) ? 1 : Self.cpuCount }
        if Self.scopes[step] == .once(cpu: 2) && cpu != 2 {
            // The injected CPU does not run this once step: nothing fails.
            #expect(report.outcome == .completed)
            #expect(report.errors.isEmpty)
            #expect(report.steps.count == 4)
            return
        }
        #expect(report.outcome == .failed)
        #expect(report.failedStep == step)
        let error = try #require(report.errors.first)
        #expect(report.errors.count == 1)
        #expect(error.stepIndex == step && error.cpu == cpu && error.stepName == "step-\(step)")
        #expect(error.underlying as? InjectedFailure == InjectedFailure(step: step, cpu: cpu))
        #expect(error.message == InjectedFailure(step: step, cpu: cpu).description)
        #expect(report.steps.count == step + 1)
        for index in 0...step {
            // Every CPU finished its own work of the failing step (serial: later CPUs too).
            #expect(ledger.completed[index].current == runners(index), "step \(index)")
        }
        for index in (step + 1)..<4 {
            #expect(ledger.started[index].current == 0, "step \(index) started after the failure")
        }
    }

    @Test("every CPU failing in a serial step: every error kept, in CPU order")
    func everyCPUFails() throws {
        let machine = try StopMachine(cpus: .simulated(count: Self.cpuCount))
        defer { machine.shutdown() }
        let ledger = StepLedger(steps: 4)
        let failures = Set((0..<Self.cpuCount).map { [1, $0] })
        let report = machine.run(Self.procedure(failAt: failures, ledger: ledger), context: ())
        #expect(report.outcome == .failed)
        #expect(report.errors.map(\.cpu) == Array(0..<Self.cpuCount))
        #expect(report.errors.allSatisfy { $0.stepIndex == 1 })
        #expect(ledger.completed[1].current == Self.cpuCount)
        #expect(ledger.started[2].current == 0)
    }

    @Test("recovery steps run in lockstep after a failure", arguments: [0, 1, 3])
    func recoveryRuns(failingStep: Int) throws {
        let machine = try StopMachine(cpus: .simulated(count: Self.cpuCount))
        defer { machine.shutdown() }
        let ledger = StepLedger(steps: 4)
        let recoveryLedger = StepLedger(steps: 2)
        let recovery = [
            Step<Void>("undo", scope: .concurrent) { context in
                if ledger.completed[failingStep].current != (failingStep == 2 ? 1 : Self.cpuCount) {
                    recoveryLedger.violation("recovery started before the failing step finished")
                }
                if context.stepIndex != failingStep + 1 { recoveryLedger.violation("index \(context.stepIndex)") }
                recoveryLedger.completed[0].increment()
            },
            Step<Void>("report", scope: .serial) { _ in
                if recoveryLedger.completed[0].current != Self.cpuCount {
                    recoveryLedger.violation("recovery step 1 before step 0 finished")
                }
                recoveryLedger.completed[1].increment()
            },
        ]
        let report = machine.run(
            Self.procedure(failAt: [[failingStep, 2]], ledger: ledger, recovery: recovery), context: ())
        #expect(report.outcome == .recovered)
        #expect(report.failedStep == failingStep)
        #expect(report.steps.map(\.phase) == Array(repeating: .main, count: failingStep + 1) + [.recovery, .recovery])
        #expect(report.steps.map(\.index) == Array(0..<(failingStep + 3)))
        #expect(report.steps.suffix(2).map(\.name) == ["undo", "report"])
        #expect(recoveryLedger.completed.map(\.current) == [Self.cpuCount, Self.cpuCount])
        #expect(recoveryLedger.violations.isEmpty, "\(recoveryLedger.violations)")
        #expect(ledger.started[(failingStep + 1)...].allSatisfy { $0.current == 0 })
    }

    @Test("a failing recovery step ends recovery")
    func failingRecoveryEndsRecovery() throws {
        let machine = try StopMachine(cpus: .simulated(count: Self.cpuCount))
        defer { machine.shutdown() }
        let ledger = StepLedger(steps: 4)
        let ran = StepLedger(steps: 3)
        let recovery = [
            Step<Void>("first", scope: .concurrent) { _ in ran.completed[0].increment() },
            Step<Void>("breaks", scope: .serial) { context in
                ran.completed[1].increment()
                if context.cpu.index == 3 { throw InjectedFailure(step: context.stepIndex, cpu: 3) }
            },
            Step<Void>("never", scope: .concurrent) { _ in ran.completed[2].increment() },
        ]
        let report = machine.run(
            Self.procedure(failAt: [[0, 1]], ledger: ledger, recovery: recovery), context: ())
        #expect(report.outcome == .recoveryFailed)
        #expect(report.failedStep == 0)
        #expect(report.errors.map { [$0.stepIndex, $0.cpu] } == [[0, 1], [2, 3]])
        #expect(report.steps.map(\.name) == ["step-0", "first", "breaks"])
        #expect(ran.completed.map(\.current) == [Self.cpuCount, Self.cpuCount, 0])
    }

    @Test("failures do not leak into the next procedure on the same machine")
    func failureThenSuccess() throws {
        let machine = try StopMachine(cpus: .simulated(count: 3))
        defer { machine.shutdown() }
        for round in 0..<30 {
            let ledger = StepLedger(steps: 4)
            let fails = round % 3 == 0
            let procedure = Procedure<Void>(
                name: "alternate",
                steps: (0..<4).map { index in
                    Step("s\(index)", scope: index % 2 == 0 ? .concurrent : .serial) { context in
                        ledger.completed[index].increment()
                        if fails && index == round % 4 && context.cpu.index == round % 3 {
                            throw InjectedFailure(step: index, cpu: context.cpu.index)
                        }
                    }
                })
            let report = machine.run(procedure, context: ())
            #expect(report.outcome == (fails ? .failed : .completed), "round \(round)")
            #expect(report.steps.count == (fails ? round % 4 + 1 : 4), "round \(round)")
        }
    }

    /// A CPU still leaving barrier k must not take a failure that a fast CPU already
    /// recorded in step k+1 for a failure of step k (the reason for two failure counters):
    /// with one counter, such a CPU would walk into recovery alone and the run would hang
    /// or report the wrong steps.
    @Test("a failure just after a barrier never confuses a CPU still leaving it")
    func failureRightAfterBarrier() throws {
        let cpuCount = 64
        let machine = try StopMachine(cpus: .simulated(count: cpuCount))
        defer { machine.shutdown() }
        for round in 0..<20 {
            let ledger = StepLedger(steps: 4)
            let failingStep = 1 + round % 2
            let procedure = Procedure<Void>(
                name: "fast-failure",
                steps: (0..<3).map { index in
                    Step("s\(index)", scope: .concurrent) { context in
                        ledger.completed[index].increment()
                        if index == failingStep && context.cpu.index == round % cpuCount {
                            throw InjectedFailure(step: index, cpu: context.cpu.index)
                        }
                    }
                },
                recovery: [
                    Step("undo", scope: .concurrent) { _ in ledger.completed[3].increment() }
                ])
            let report = machine.run(procedure, context: ())
            #expect(report.outcome == .recovered, "round \(round)")
            #expect(report.steps.map(\.name) == (0...failingStep).map { "s\($0)" } + ["undo"])
            #expect(ledger.completed[0...failingStep].allSatisfy { $0.current == cpuCount })
            #expect(ledger.completed[3].current == cpuCount)
        }
    }
}
