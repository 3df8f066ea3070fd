import Foundation
import Testing

@testable import Lockstep

@Suite("CPU sets and waiting", .timeLimit(.minutes(3)))
struct CPUSetTests {
    /// Parses "0-3,5,7-8" (the kernel's list format).
    static func parseList(_ text: String) -> [Int] {
        text.split(separator: ",").flatMap { part -> [Int] in
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return bounds.count == 2 ? Array(bounds[0]...bounds[1]) : bounds
        }
    }

    @Test("online() is the process's affinity mask, ascending, pinned")
    func onlineMatchesAffinity() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        let allowed = Self.parseList(String(line.split(separator: ":")[1]))
        let cpus = try CPUSet.online()
        #expect(cpus.isPinned)
        #expect(cpus.cpus.map(\.id) == allowed.sorted())
        #expect(cpus.cpus.map(\.index) == Array(0..<allowed.count))
        #expect(cpus.lead == cpus.cpus[0])
        #expect(cpus.cpu(id: allowed[0]) == cpus.lead)
    }

    @Test("simulated(count:) numbers CPUs 0..<count, unpinned")
    func simulated() {
        let cpus = CPUSet.simulated(count: 256)
        #expect(!cpus.isPinned && cpus.count == 256)
        #expect(cpus.cpus.allSatisfy { $0.id == $0.index })
        #expect(cpus.cpu(id: 255)?.index == 255 && cpus.cpu(id: 256) == nil && cpus.cpu(id: -1) == nil)
        #expect(cpus.description == "simulated [256 CPUs]")
    }

    @Test("automatic waiting spins long with a core each and yields when oversubscribed")
    func automaticPolicy() throws {
        let roomy = WaitPolicy.automatic.resolved(threads: 2, cores: 2)
        let crowded = WaitPolicy.automatic.resolved(threads: 64, cores: 2)
        #expect(WaitPolicy.automatic.isAutomatic && !roomy.isAutomatic)
        #expect(try #require(roomy.spinIterations) > (crowded.spinIterations ?? 0))
        #expect(try #require(crowded.yieldIterations) > 0)
        let explicit = WaitPolicy(spinIterations: 5, yieldIterations: -3)
        #expect(explicit.resolved(threads: 100) == WaitPolicy(spinIterations: 5, yieldIterations: 0))
    }

    @Test("256 simulated CPUs on 2 cores, parking at once, still run in lockstep")
    func parkOnlyOversubscribed() throws {
        let machine = try StopMachine(
            cpus: .simulated(count: 256), waitPolicy: .init(spinIterations: 0, yieldIterations: 0))
        defer { machine.shutdown() }
        let ledger = StepLedger(steps: 4)
        let procedure = Procedure<Void>(
            name: "crowd",
            steps: (0..<4).map { index in
                Step("s\(index)", scope: index == 2 ? .serial : .concurrent) { _ in
                    if index > 0, ledger.completed[index - 1].current != 256 {
                        ledger.violation("step \(index) began early")
                    }
                    ledger.completed[index].increment()
                }
            })
        for _ in 0..<3 {
            for counter in ledger.completed { counter.value.store(0, ordering: .releasing) }
            #expect(machine.run(procedure, context: ()).outcome == .completed)
        }
        #expect(ledger.violations.isEmpty)
    }

    @Test("futex wait reports a changed value and a timeout as results")
    func futexResults() {
        let blocks = PaddedBlocks(count: 1)
        let word = blocks.word(0)
        word.atomic.pointee.store(5, ordering: .releasing)
        #expect(Futex.wait(word.address, expected: 4) == .valueChanged)
        #expect(Futex.wait(word.address, expected: 5, timeoutNs: 1_000_000) == .timedOut)
        #expect(Futex.wake(word.address, count: 1) == 0)
    }

    @Test("a tagged futex wake wakes only the waiters whose tag it names")
    func taggedWake() {
        let blocks = PaddedBlocks(count: 1)
        let word = blocks.word(0)
        word.atomic.pointee.store(5, ordering: .releasing)
        let myTag = FutexWord.bit(forPosition: 1)
        let otherTag = FutexWord.bit(forPosition: 2)
        let returned = Counter()
        let join = startThread {
            while Futex.wait(word.address, expected: 5, bits: myTag) == .interrupted {}
            returned.increment()
        }
        usleep(20_000)
        for _ in 0..<50 {
            #expect(Futex.wake(word.address, count: Int32.max, bits: otherTag) == 0)
            usleep(1_000)
        }
        #expect(returned.current == 0)
        var woken = 0
        for _ in 0..<5_000 where woken == 0 {
            woken = Futex.wake(word.address, count: Int32.max, bits: myTag)
            if woken == 0 { usleep(1_000) }
        }
        #expect(woken == 1)
        if woken == 0 {  // release the waiter whatever its tag, so the test fails, not hangs
            word.atomic.pointee.store(6, ordering: .releasing)
            Futex.wake(word.address, count: Int32.max, bits: ~0)
        }
        join()
        #expect(returned.current == 1)
        withExtendedLifetime(blocks) {}
    }

    @Test("queue positions 32 apart share a futex tag")
    func positionBits() {
        #expect(FutexWord.bit(forPosition: 0) == 1)
        #expect(FutexWord.bit(forPosition: 31) == 1 << 31)
        #expect(FutexWord.bit(forPosition: 32) == 1)
        #expect(FutexWord.bit(forPosition: 255) == 1 << 31)
    }
}
