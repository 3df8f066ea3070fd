import Foundation
import Synchronization
import Testing

@testable import TDXHost

/// The per-TD ring of recent SEAMCALLs: what it keeps, and that a reader racing the
/// writer never sees a torn or overwritten record.
@Suite("CallRingTests: recent TD SEAMCALLs")
struct CallRingTests {
    @Test("keeps calls in order with their outcome, then only the last `capacity` once it wraps")
    func keepsTheLatest() {
        let ring = CallRing(capacity: 6)
        #expect(ring.capacity == 8, "rounded up to a power of two")
        #expect(ring.snapshot().isEmpty)
        for ns in UInt64(1)...5 { ring.record(ns: ns * 100, succeeded: ns != 3) }
        #expect(ring.snapshot().map(\.ns) == [100, 200, 300, 400, 500])
        #expect(ring.snapshot().map(\.succeeded) == [true, true, false, true, true])
        for ns in UInt64(6)...20 { ring.record(ns: ns * 100, succeeded: true) }
        #expect(ring.snapshot().map(\.ns) == (13...20).map { UInt64($0) * 100 })
        #expect(ring.recorded == 20)
    }

    @Test("a reader racing the writer sees consecutive records only", .timeLimit(.minutes(3)))
    func concurrentReader() async {
        let ring = CallRing(capacity: 16)
        let done = Atomic<Bool>(false)
        let writer = Thread {
            for ns in UInt64(1)...200_000 { ring.record(ns: ns, succeeded: ns % 7 != 0) }
            done.store(true, ordering: .releasing)
        }
        writer.start()
        var snapshots = 0
        var broken: [[UInt64]] = []
        while !done.load(ordering: .acquiring) || snapshots == 0 {
            let calls = ring.snapshot()
            snapshots += 1
            let values = calls.map(\.ns)
            let consecutive = zip(values, values.dropFirst()).allSatisfy { $1 == $0 + 1 }
            let outcomes = calls.allSatisfy { $0.succeeded == ($0.ns % 7 != 0) }
            if !consecutive || !outcomes || values.count > 16 { broken.append(values) }
        }
        #expect(broken.isEmpty, "\(broken.prefix(3))")
        #expect(ring.snapshot().map(\.ns) == (199_985...200_000).map { UInt64($0) })
    }

    @Test("a host's TD workloads record their calls, readable while they run", .timeLimit(.minutes(3)))
    func workloadsRecord() throws {
        let host = try Fixtures.host(cpus: 2, tds: 2)
        defer { host.shutdown() }
        host.startWorkloads()
        #expect(host.workloads.waitForProgress(since: host.workloads.progress, calls: 50))
        let running = host.workloads.recentCalls()
        host.workloads.stop()
        let final = host.workloads.recentCalls()
        #expect(running.map(\.td) == [0, 1])
        for (history, progress) in zip(final, host.workloads.progress) {
            #expect(history.calls.count == min(progress.successfulCalls + progress.failedCalls, 4096))
            #expect(history.calls.allSatisfy { $0.succeeded })
            let times = history.calls.map(\.ns)
            #expect(times == times.sorted(), "oldest first")
        }
        for history in running { #expect(history.calls.count >= 50) }
    }
}
