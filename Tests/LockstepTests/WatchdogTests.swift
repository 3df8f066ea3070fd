import CLockstep
import Glibc
import Synchronization
import Testing

@testable import Lockstep

/// A stuck CPU is named by the watchdog while the others keep waiting, and the procedure
/// completes once it is released.
@Suite("Watchdog", .timeLimit(.minutes(3)))
struct WatchdogTests {
    @Test("a stuck CPU is named, and the procedure completes once it is released")
    func stuckCPUIsNamed() throws {
        let machine = try StopMachine(cpus: .simulated(count: 4))
        defer { machine.shutdown() }
        let named = Mutex<[WatchdogEvent]>([])
        let released = Atomic<Bool>(false)
        let procedure = Procedure<Void>(
            name: "stuck",
            steps: [
                Step("quick", scope: .concurrent) { _ in },
                Step("hangs", scope: .concurrent) { context in
                    guard context.cpu.index == 2 else { return }
                    let giveUp = clockstep_monotonic_ns() + 10_000_000_000
                    while !released.load(ordering: .acquiring) {
                        if clockstep_monotonic_ns() > giveUp { throw InjectedFailure(step: 1, cpu: 2) }
                        usleep(1_000)
                    }
                },
                Step("after", scope: .once()) { _ in },
            ],
            watchdog: .milliseconds(30))
        let report = machine.run(procedure, context: ()) { event in
            named.withLock { $0.append(event) }
            if event.cpu == 2 { released.store(true, ordering: .releasing) }
        }
        #expect(report.outcome == .completed)
        let events = named.withLock { $0 }
        // Only CPU 2 blocks; another CPU is named only if the machine starved it that long.
        let event = try #require(events.first { $0.cpu == 2 })
        #expect(event.stepIndex == 1 && event.stepName == "hangs")
        #expect(event.elapsedNs >= 30_000_000)
        #expect(events.allSatisfy { $0.stepIndex == 1 && $0.elapsedNs >= 30_000_000 })
        #expect(Set(events.map(\.cpu)).count == events.count, "a CPU was named twice")
        #expect(report.watchdogEvents == events)
        #expect(report.steps.count == 3)
        // Released only after the deadline passed, counted from the end of step 0.
        let hung = try #require(report.steps[1].cpus.first { $0.cpu == 2 })
        let stepZeroEnd = try #require(report.steps[0].cpus.map(\.endNs).max())
        #expect(hung.endNs - stepZeroEnd >= 30_000_000)
    }

    @Test("several stuck CPUs of a serial step are each named once")
    func stuckSerialCPUs() throws {
        let machine = try StopMachine(cpus: .simulated(count: 3))
        defer { machine.shutdown() }
        let procedure = Procedure<Void>(
            name: "slow-serial",
            steps: [
                Step("slow", scope: .serial) { context in
                    if context.cpu.index == 0 { usleep(60_000) }
                }
            ],
            watchdog: .milliseconds(20))
        let report = machine.run(procedure, context: ())
        #expect(report.outcome == .completed)
        // CPU 0 sleeps past the deadline; 1 and 2 wait for their turn, so none has finished.
        #expect(Set(report.watchdogEvents.map(\.cpu)) == [0, 1, 2])
        #expect(report.watchdogEvents.count == 3)
    }

    @Test("no watchdog events when every step is quick")
    func quietWhenQuick() throws {
        let machine = try StopMachine(cpus: .simulated(count: 4))
        defer { machine.shutdown() }
        let procedure = Procedure<Void>(
            name: "quick", steps: (0..<20).map { Step("s\($0)", scope: .concurrent) { _ in } },
            watchdog: .seconds(5))
        for _ in 0..<20 {
            let report = machine.run(procedure, context: ())
            #expect(report.outcome == .completed && report.watchdogEvents.isEmpty)
        }
    }
}
