import SystemPackage
import Testing

@testable import SystemSupport

@Suite struct ErrnoNameTests {
    @Test func namesComeFromTheCLibrary() {
        #expect(Errno.noSuchAddressOrDevice.name == "ENXIO")
        #expect(Errno.resourceBusy.name == "EBUSY")
        #expect(Errno.permissionDenied.nameAndText == "EACCES (Permission denied)")
    }

    @Test func unknownCodesAreNamedByNumber() {
        #expect(Errno(rawValue: 9999).name == "errno 9999")
    }

    @Test func permissionErrors() {
        #expect(Errno.permissionDenied.isPermissionError)
        #expect(Errno.notPermitted.isPermissionError)
        #expect(!Errno.noSuchFileOrDirectory.isPermissionError)
    }
}

@Suite struct ThreadLockTests {
    @Test func waitEndsAtTheDeadline() {
        let lock = ThreadLock()
        let start = MonotonicClock.now
        let held = lock.withLock { lock.wait(until: start + 20_000_000) { false } }
        #expect(!held)
        #expect(MonotonicClock.now - start >= 20_000_000)
    }

    @Test func broadcastWakesAWaiter() async {
        let lock = ThreadLock()
        nonisolated(unsafe) var ready = false
        let waiter = Task.detached {
            lock.withLock { lock.wait(until: MonotonicClock.deadline(after: .seconds(60))) { ready } }
        }
        lock.withLock {
            ready = true
            lock.broadcast()
        }
        #expect(await waiter.value)
    }

    @Test func countsStayExactUnderContention() async {
        let lock = ThreadLock()
        nonisolated(unsafe) var count = 0
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<10_000 { lock.withLock { count += 1 } }
                }
            }
        }
        #expect(lock.withLock { count } == 40_000)
    }
}
