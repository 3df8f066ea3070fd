import CLockstep
import Glibc
import Synchronization
import Testing

@testable import Lockstep

/// No gate-protected work overlaps a procedure, under load, with either fast path.
@Suite("Stop-the-world gate", .timeLimit(.minutes(3)))
struct StopGateTests {
    final class Workload: Sendable {
        let inside = Atomic<Int>(0)
        let procedureRunning = Atomic<Int>(0)
        let overlaps = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let progress: [Counter]

        init(workers: Int) { progress = (0..<workers).map { _ in Counter() } }
    }

    @Test(
        "stopTheWorld never overlaps gate-protected work",
        arguments: [StopGate.FastPath.membarrier, .lockedExchange])
    func noOverlap(fastPath: StopGate.FastPath) throws {
        let gate = StopGate(preferring: fastPath)
        if fastPath == .lockedExchange { #expect(gate.fastPath == .lockedExchange) }
        let machine = try StopMachine(cpus: .simulated(count: 3))
        defer { machine.shutdown() }
        let workers = 4
        let load = Workload(workers: workers)
        let joins = (0..<workers).map { worker in
            startThread {
                let token = gate.register()
                while !load.stop.load(ordering: .acquiring) {
                    token.withEntry {
                        load.inside.wrappingAdd(1, ordering: .acquiringAndReleasing)
                        if load.procedureRunning.load(ordering: .acquiring) != 0 {
                            load.overlaps.wrappingAdd(1, ordering: .relaxed)
                        }
                        spin(forNs: 200)
                        load.inside.wrappingSubtract(1, ordering: .acquiringAndReleasing)
                    }
                    load.progress[worker].increment()
                }
            }
        }
        let procedure = Procedure<Workload>(
            name: "stop",
            steps: [
                Step("close", scope: .once()) { context in
                    context.context.procedureRunning.store(1, ordering: .releasing)
                },
                Step("check", scope: .concurrent) { context in
                    if context.context.inside.load(ordering: .acquiring) != 0 {
                        context.context.overlaps.wrappingAdd(1, ordering: .relaxed)
                    }
                    spin(forNs: 20_000)
                },
                Step("open", scope: .once()) { context in
                    context.context.procedureRunning.store(0, ordering: .releasing)
                },
            ])
        var progressBetweenStops = 0
        for _ in 0..<25 {
            let before = load.progress.map(\.current).reduce(0, +)
            let report = machine.stopTheWorld(gate: gate, procedure, context: load)
            #expect(report.outcome == .completed)
            let drain = try #require(report.drainNs)
            let stopped = try #require(report.stoppedNs)
            #expect(stopped >= drain && stopped >= report.endNs - report.startNs)
            usleep(2_000)
            if load.progress.map(\.current).reduce(0, +) > before { progressBetweenStops += 1 }
        }
        load.stop.store(true, ordering: .releasing)
        joins.forEach { $0() }
        #expect(load.overlaps.load(ordering: .acquiring) == 0)
        #expect(load.progress.allSatisfy { $0.current > 0 }, "a worker made no progress")
        #expect(progressBetweenStops > 0)
    }

    @Test("a worker that finds the gate closed waits until it reopens")
    func enterWaitsWhileClosed() throws {
        let gate = StopGate()
        let machine = try StopMachine(cpus: .simulated(count: 2))
        defer { machine.shutdown() }
        let entered = Atomic<Int>(0)
        let inStep = Atomic<Bool>(false)
        let enteredDuringStop = Atomic<Int>(0)
        let procedure = Procedure<Void>(
            name: "long",
            steps: [
                Step("hold", scope: .once()) { _ in
                    inStep.store(true, ordering: .releasing)
                    let join = startThread {
                        let token = gate.register()
                        token.enter()
                        entered.wrappingAdd(1, ordering: .releasing)
                        token.leave()
                    }
                    usleep(20_000)
                    enteredDuringStop.store(entered.load(ordering: .acquiring), ordering: .releasing)
                    inStep.store(false, ordering: .releasing)
                    // Joined after the stop: the worker needs the gate to reopen.
                    Self.pendingJoin.withLock { $0 = join }
                }
            ])
        let report = machine.stopTheWorld(gate: gate, procedure, context: ())
        #expect(report.outcome == .completed)
        #expect(enteredDuringStop.load(ordering: .acquiring) == 0)
        Self.pendingJoin.withLock { $0 }?()
        #expect(entered.load(ordering: .acquiring) == 1)
        #expect(!gate.isClosed)
    }

    static let pendingJoin = Mutex<(@Sendable () -> Void)?>(nil)

    @Test("tokens unregister when released, and the fast path needs no stop")
    func tokensAndFastPath() {
        let gate = StopGate()
        var tokens = (0..<3).map { _ in gate.register() }
        #expect(gate.registeredTokens == 3)
        tokens.removeLast()
        #expect(gate.registeredTokens == 2)
        for _ in 0..<1_000 { tokens[0].withEntry {} }
        tokens.removeAll()
        #expect(gate.registeredTokens == 0)
        #expect(!gate.isClosed)
        #expect(gate.fastPath == (Membarrier.isAvailable ? .membarrier : .lockedExchange))
    }
}
