import CLockstep
import Foundation
import Synchronization
import Testing

@testable import Lockstep

/// Randomized procedures checked twice: by counters inside the bodies (what a body of
/// step k can see of step k-1) and by the report's timestamps.
@Suite("Lockstep guarantee, trace-checked", .timeLimit(.minutes(3)))
struct LockstepTraceTests {
    /// One random step: its scope and, for once steps, the CPU index expected to run it.
    struct PlannedStep {
        let scope: StepScope
        let runnerIndex: Int?
    }

    static func plan(cpus: CPUSet, generator: inout SeededGenerator) -> [PlannedStep] {
        let count = Int.random(in: 1...7, using: &generator)
        return (0..<count).map { _ in
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return PlannedStep(scope: .once(), runnerIndex: 0)
            case 1:
                let cpu = cpus.cpus.randomElement(using: &generator)!
                return PlannedStep(scope: .once(cpu: cpu.id), runnerIndex: cpu.index)
            case 2: return PlannedStep(scope: .serial, runnerIndex: nil)
            default: return PlannedStep(scope: .concurrent, runnerIndex: nil)
            }
        }
    }

    static func expectedCompletions(_ step: PlannedStep, cpuCount: Int) -> Int {
        step.runnerIndex == nil ? cpuCount : 1
    }

    static func makeProcedure(
        _ plan: [PlannedStep], cpuCount: Int, ledger: StepLedger, seed: UInt64
    ) -> Procedure<Int> {
        let steps = plan.enumerated().map { index, planned in
            Step<Int>("step-\(index)", scope: planned.scope) { context in
                let cpu = context.cpu
                if context.stepIndex != index || context.stepName != "step-\(index)" || context.context != 42 {
                    ledger.violation("step \(index) on \(cpu) got index \(context.stepIndex)")
                }
                if let runner = planned.runnerIndex, runner != cpu.index {
                    ledger.violation("once step \(index) ran on index \(cpu.index), expected \(runner)")
                }
                if index > 0 {
                    let previous = ledger.completed[index - 1].current
                    let expected = expectedCompletions(plan[index - 1], cpuCount: cpuCount)
                    if previous != expected {
                        ledger.violation("step \(index) on \(cpu) saw \(previous)/\(expected) of step \(index - 1)")
                    }
                }
                if index + 1 < plan.count, ledger.started[index + 1].current != 0 {
                    ledger.violation("step \(index + 1) started while \(cpu) is in step \(index)")
                }
                let order = ledger.started[index].increment()
                if case .serial = planned.scope {
                    if ledger.serialInside.exchange(1, ordering: .acquiringAndReleasing) != 0 {
                        ledger.violation("serial step \(index): two CPUs inside at once")
                    }
                    if order != cpu.index {
                        ledger.violation("serial step \(index): CPU index \(cpu.index) ran as number \(order)")
                    }
                }
                var generator = SeededGenerator(seed: seed &+ UInt64(index * 1_000 + cpu.index))
                randomDelay(generator.next())
                if case .serial = planned.scope {
                    ledger.serialInside.store(0, ordering: .releasing)
                }
                ledger.completed[index].increment()
            }
        }
        return Procedure(name: "random-\(seed)", steps: steps)
    }

    /// Checks the report's timestamps: step boundaries, serial order, once runners.
    static func traceViolations(_ report: ProcedureReport, plan: [PlannedStep], cpus: CPUSet) -> [String] {
        var problems: [String] = []
        guard report.steps.count == plan.count else {
            return ["report has \(report.steps.count) steps, planned \(plan.count)"]
        }
        for (index, trace) in report.steps.enumerated() {
            let planned = plan[index]
            if trace.index != index || trace.scope != planned.scope.name || trace.phase != .main {
                problems.append("step \(index) traced as \(trace.index) \(trace.scope) \(trace.phase)")
            }
            if let runner = planned.runnerIndex {
                if trace.cpus.map(\.cpu) != [cpus.cpus[runner].id] {
                    problems.append("once step \(index) traced on \(trace.cpus.map(\.cpu))")
                }
            } else if trace.cpus.map(\.cpu) != cpus.cpus.map(\.id) {
                problems.append("step \(index) traced on \(trace.cpus.map(\.cpu))")
            }
            for timing in trace.cpus where timing.startNs > timing.endNs {
                problems.append("step \(index) CPU \(timing.cpu) ends before it starts")
            }
            if case .serial = planned.scope {
                for (earlier, later) in zip(trace.cpus, trace.cpus.dropFirst()) where earlier.endNs > later.startNs {
                    problems.append("serial step \(index): CPU \(earlier.cpu) overlaps CPU \(later.cpu)")
                }
            }
            if index + 1 < report.steps.count {
                let lastEnd = trace.cpus.map(\.endNs).max() ?? 0
                let firstStart = report.steps[index + 1].cpus.map(\.startNs).min() ?? .max
                if lastEnd > firstStart {
                    problems.append("step \(index + 1) started \(lastEnd - firstStart) ns before step \(index) ended")
                }
            }
        }
        return problems
    }

    @Test(
        "random procedures keep lockstep",
        arguments: [(1, 60), (2, 60), (64, 8)])
    func randomProcedures(cpuCount: Int, runs: Int) throws {
        let cpus = CPUSet.simulated(count: cpuCount)
        let machine = try StopMachine(cpus: cpus)
        defer { machine.shutdown() }
        var generator = SeededGenerator(seed: UInt64(cpuCount) &* 7_919)
        for run in 0..<runs {
            let plan = Self.plan(cpus: cpus, generator: &generator)
            let ledger = StepLedger(steps: plan.count)
            let seed = generator.next()
            let report = machine.run(
                Self.makeProcedure(plan, cpuCount: cpuCount, ledger: ledger, seed: seed), context: 42)
            #expect(report.outcome == .completed, "run \(run)")
            #expect(report.errors.isEmpty)
            #expect(ledger.violations.isEmpty, "run \(run), seed \(seed): \(ledger.violations)")
            for (index, planned) in plan.enumerated() {
                #expect(
                    ledger.completed[index].current == Self.expectedCompletions(planned, cpuCount: cpuCount),
                    "run \(run) step \(index): \(planned.scope)")
            }
            let problems = Self.traceViolations(report, plan: plan, cpus: cpus)
            #expect(problems.isEmpty, "run \(run), seed \(seed): \(problems)")
        }
    }

    @Test("pinned online CPUs keep lockstep and run on their CPU")
    func pinnedOnlineCPUs() throws {
        let cpus = try CPUSet.online()
        let machine = try StopMachine(cpus: cpus)
        defer { machine.shutdown() }
        var generator = SeededGenerator(seed: 99)
        for run in 0..<20 {
            let plan = Self.plan(cpus: cpus, generator: &generator)
            let ledger = StepLedger(steps: plan.count)
            let report = machine.run(
                Self.makeProcedure(plan, cpuCount: cpus.count, ledger: ledger, seed: generator.next()),
                context: 42)
            #expect(report.outcome == .completed)
            #expect(ledger.violations.isEmpty, "run \(run): \(ledger.violations)")
            #expect(Self.traceViolations(report, plan: plan, cpus: cpus).isEmpty, "run \(run)")
        }
        let wrongCPU = Counter()
        let where_ = Procedure<Void>(
            name: "where",
            steps: [
                Step("where", scope: .concurrent) { context in
                    if clockstep_sched_getcpu() != Int32(context.cpu.id) { wrongCPU.increment() }
                }
            ])
        #expect(machine.run(where_, context: ()).outcome == .completed)
        #expect(wrongCPU.current == 0, "a pinned stopper ran off its CPU")
    }

    @Test("one machine runs many procedures, and concurrent callers queue")
    func reuseAndConcurrentCallers() throws {
        let machine = try StopMachine(cpus: .simulated(count: 4))
        defer { machine.shutdown() }
        let total = Counter()
        let procedure = Procedure<Counter>(
            name: "count",
            steps: [
                Step("a", scope: .concurrent) { $0.context.increment() },
                Step("b", scope: .serial) { $0.context.increment() },
                Step("c", scope: .once()) { $0.context.increment() },
            ])
        for _ in 0..<200 {
            let report = machine.run(procedure, context: total)
            #expect(report.outcome == .completed && report.steps.count == 3)
        }
        #expect(total.current == 200 * 9)
        let joins = (0..<3).map { _ in
            startThread {
                for _ in 0..<50 { _ = machine.run(procedure, context: total) }
            }
        }
        joins.forEach { $0() }
        #expect(total.current == 200 * 9 + 150 * 9)
    }

    /// Plain (non-atomic) memory written by every CPU in step k and read by every CPU in
    /// step k+1: the engine's barrier must order it (ThreadSanitizer checks it too).
    final class PlainBoard: @unchecked Sendable {
        let cells: UnsafeMutableBufferPointer<Int>
        let width: Int
        init(width: Int) {
            self.width = width
            cells = .allocate(capacity: 2 * width)
            cells.initialize(repeating: 0)
        }
        deinit { cells.deallocate() }
    }

    @Test("a step writes plain memory that the next step reads, on every CPU")
    func visibilityAcrossSteps() throws {
        let cpus = CPUSet.simulated(count: 8)
        let machine = try StopMachine(cpus: cpus)
        defer { machine.shutdown() }
        let board = PlainBoard(width: 8)
        let mismatches = Counter()
        let procedure = Procedure<Void>(
            name: "visibility",
            steps: (0..<10).map { round in
                Step("round-\(round)", scope: round % 3 == 2 ? .serial : .concurrent) { context in
                    let readBase = (round % 2) * board.width
                    let writeBase = ((round + 1) % 2) * board.width
                    for cell in 0..<board.width where board.cells[readBase + cell] != round {
                        mismatches.increment()
                    }
                    board.cells[writeBase + context.cpu.index] = round + 1
                }
            })
        #expect(machine.run(procedure, context: ()).outcome == .completed)
        #expect(mismatches.current == 0)
    }

    @Test("shutdown stops the threads and later runs are refused")
    func shutdownRefusesRuns() throws {
        let machine = try StopMachine(cpus: .simulated(count: 3))
        machine.shutdown()
        machine.shutdown()
        let ran = Counter()
        let report = machine.run(
            Procedure<Void>(name: "late", steps: [Step("s", scope: .concurrent) { _ in ran.increment() }]),
            context: ())
        #expect(report.outcome == .failed)
        #expect(report.errors.first?.message.contains("shut down") == true)
        #expect(ran.current == 0)
    }

    @Test("a once step naming a CPU outside the set is refused, not run")
    func unknownOnceCPU() throws {
        let machine = try StopMachine(cpus: .simulated(count: 2))
        defer { machine.shutdown() }
        let ran = Counter()
        let report = machine.run(
            Procedure<Void>(
                name: "bad",
                steps: [
                    Step("first", scope: .concurrent) { _ in ran.increment() },
                    Step("where", scope: .once(cpu: 7)) { _ in ran.increment() },
                ]),
            context: ())
        #expect(report.outcome == .failed)
        #expect(report.errors.count == 1 && report.errors[0].message.contains("no such CPU"))
        #expect(ran.current == 0)
        let empty = machine.run(Procedure<Void>(name: "empty", steps: []), context: ())
        #expect(empty.outcome == .completed && empty.steps.isEmpty)
    }
}
