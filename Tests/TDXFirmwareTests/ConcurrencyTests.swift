import Dispatch
import Synchronization
import TDXImage
import Testing

@testable import TDXFirmware

@Suite("Many threads calling the firmware at once")
struct ConcurrencyTests {
    @Test func aP_SEAMLDRCallWhileAnotherLPIsInsideIsRefusedAndCounted() throws {
        let platform = try Fixtures.booted()
        #expect(platform.concurrentSeamldrCallsRefused == 0)
        // LP 1 is inside P-SEAMLDR (its call has not returned yet).
        #expect(platform.seamldrOccupant.compareExchange(expected: -1, desired: 1, ordering: .relaxed).exchanged)
        do {
            _ = try platform.seamldrInfo(lp: 2)
            Issue.record("a second LP entered P-SEAMLDR")
        } catch {
            #expect(error.status == .vmFailInvalid)
            #expect(error.reason.contains("LP 1 is inside P-SEAMLDR"))
        }
        expectFailure(.vmFailInvalid) { () throws(SeamcallFailure) in
            try platform.seamldrInstall(lp: 3, paramsAddress: 0)
        }
        #expect(platform.concurrentSeamldrCallsRefused == 2)
        #expect(platform.installSessionLPs.isEmpty)
        platform.seamldrOccupant.store(-1, ordering: .relaxed)
        #expect(try platform.seamldrInfo(lp: 2).numRemainingUpdates == 15)
        #expect(platform.concurrentSeamldrCallsRefused == 2)
    }

    @Test func theRefusalStatusIsConfigurable() throws {
        let platform = try Fixtures.booted(policy: SeamldrPolicy(concurrentCallStatus: .seamldrBadCall))
        _ = platform.seamldrOccupant.compareExchange(expected: -1, desired: 0, ordering: .relaxed)
        expectFailure(.seamldrBadCall) { () throws(SeamcallFailure) in try platform.seamldrInfo(lp: 1) }
    }

    @Test(.timeLimit(.minutes(3)))
    func overlappingP_SEAMLDRCallsNeverRunTogether() throws {
        let platform = try Fixtures.booted(lps: 8)
        let succeeded = Atomic<Int>(0)
        let refused = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { lp in
            for _ in 0..<300 {
                do throws(SeamcallFailure) {
                    _ = try platform.seamldrInfo(lp: lp)
                    succeeded.add(1, ordering: .relaxed)
                } catch {
                    if error.status == .vmFailInvalid { refused.add(1, ordering: .relaxed) }
                }
            }
        }
        #expect(succeeded.load(ordering: .relaxed) + refused.load(ordering: .relaxed) == 8 * 300)
        #expect(refused.load(ordering: .relaxed) == platform.concurrentSeamldrCallsRefused)
        #expect(platform.seamldrOccupant.load(ordering: .relaxed) == -1)
    }

    @Test(.timeLimit(.minutes(3)))
    func tdWorkloadsOnManyThreadsMatchASequentialRun() throws {
        let concurrent = try Fixtures.booted()
        let sequential = try Fixtures.booted()
        var tds: [TDHandle] = []
        for lp in 0..<4 {
            tds.append(try Fixtures.runningTD(on: concurrent, lp: lp, steps: 0))
            _ = try Fixtures.runningTD(on: sequential, lp: lp, steps: 0)
        }
        let handles = tds
        let errors = Atomic<Int>(0)
        // Each thread plays one LP and drives its own TD; the TDs share the module.
        DispatchQueue.concurrentPerform(iterations: 4) { lp in
            for step in 0..<200 {
                do {
                    try concurrent.vpEnter(lp: lp, td: handles[lp], vcpu: step % 2)
                    _ = try concurrent.vpRead(lp: lp, td: handles[lp], vcpu: 0, field: .rax)
                } catch {
                    errors.add(1, ordering: .relaxed)
                }
            }
        }
        for lp in 0..<4 {
            for step in 0..<200 { try sequential.vpEnter(lp: lp, td: tds[lp], vcpu: step % 2) }
        }
        #expect(errors.load(ordering: .relaxed) == 0)
        #expect(concurrent.allTDSnapshots() == sequential.allTDSnapshots())
        #expect(concurrent.lpsInModule.load(ordering: .relaxed) == 0)
    }
}
