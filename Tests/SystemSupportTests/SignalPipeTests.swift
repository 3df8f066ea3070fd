import Glibc
import SystemPackage
import Testing

@testable import SystemSupport

@Suite struct SignalPipeTests {
    @Test("a signal reaches the subscriber on the watcher thread, not in the handler")
    func delivery() throws {
        let lock = ThreadLock()
        nonisolated(unsafe) var received: [Int32] = []
        try SignalPipe.subscribe([SIGUSR1]) { signal in
            lock.withLock {
                received.append(signal)
                lock.broadcast()
            }
        }
        // Raised on a thread of its own that alone unblocks SIGUSR1: a process-directed
        // signal could land on any thread of the test run and cut short a poll(2) there.
        try DetachedThread.start {
            var mask = sigset_t()
            sigemptyset(&mask)
            sigaddset(&mask, SIGUSR1)
            pthread_sigmask(SIG_UNBLOCK, &mask, nil)
            raise(SIGUSR1)
        }
        let arrived = lock.withLock {
            lock.wait(until: MonotonicClock.deadline(after: .seconds(30))) { received.contains(SIGUSR1) }
        }
        #expect(arrived)
        #expect(SignalPipe.name(of: SIGUSR1) == "SIGUSR1")
        #expect(SignalPipe.name(of: SIGINT) == "SIGINT")
    }

    @Test("EINTR is retried, other errors pass through")
    func retry() {
        nonisolated(unsafe) var calls = 0
        let result = try? SystemCall.retryingInterrupts { () throws(Errno) -> Int in
            calls += 1
            if calls < 3 { throw .interrupted }
            return 7
        }
        #expect(result == 7 && calls == 3)
        #expect(throws: Errno.badFileDescriptor) { try SystemCall.checked { close(-1) } }
    }
}
