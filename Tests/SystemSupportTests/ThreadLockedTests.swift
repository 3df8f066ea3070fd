import Testing

@testable import SystemSupport

@Suite struct ThreadLockedTests {
    @Test func countsStayExactUnderContention() async {
        let counter = ThreadLocked(0)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<10_000 { counter.withLock { $0 += 1 } }
                }
            }
        }
        #expect(counter.withLock { $0 } == 40_000)
    }

    @Test func typedErrorsPassThrough() {
        struct Refused: Error, Equatable {}
        let value = ThreadLocked([1, 2])
        #expect(throws: Refused()) {
            try value.withLock { (values: inout [Int]) throws(Refused) in
                values.append(3)
                throw Refused()
            }
        }
        #expect(value.withLock { $0 } == [1, 2, 3])
    }

    @Test func waitSeesTheBroadcastChange() async {
        let flag = ThreadLocked(false)
        let waiter = Task.detached {
            flag.withLock(waitingUntil: MonotonicClock.deadline(after: .seconds(60)), for: { $0 }) { value, held in
                value = false
                return held
            }
        }
        flag.withLock {
            $0 = true
            flag.broadcast()
        }
        #expect(await waiter.value)
    }

    @Test func waitGivesUpAtTheDeadline() {
        let flag = ThreadLocked(false)
        let start = MonotonicClock.now
        let held = flag.withLock(waitingUntil: start + 20_000_000, for: { $0 }) { _, held in held }
        #expect(!held)
        #expect(MonotonicClock.now - start >= 20_000_000)
    }
}
