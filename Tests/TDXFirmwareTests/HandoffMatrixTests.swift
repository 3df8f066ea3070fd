import TDXImage
import Testing

@testable import TDXFirmware

@Suite("Handoff versions: which updates are accepted and where the rest fail")
struct HandoffMatrixTests {
    enum Outcome: Sendable, Equatable { case accepted, shutdownRejected, installRejected }

    struct Row: Sendable, CustomTestStringConvertible {
        var old: (hv: UInt16, min: UInt16, noDowngrade: Bool)
        var new: (hv: UInt16, min: UInt16)
        var requested: UInt64
        var outcome: Outcome
        var testDescription: String {
            "old hv \(old.hv) min \(old.min)\(old.noDowngrade ? " no-downgrade" : "") -> new hv \(new.hv) min \(new.min), "
                + "shutdown at \(requested): \(outcome)"
        }
    }

    static let rows: [Row] = [
        Row(old: (0, 0, false), new: (0, 0), requested: 0, outcome: .accepted),
        Row(old: (1, 0, false), new: (1, 1), requested: 1, outcome: .accepted),
        Row(old: (1, 0, false), new: (2, 1), requested: 1, outcome: .accepted),
        Row(old: (1, 0, false), new: (2, 2), requested: 1, outcome: .installRejected),
        Row(old: (2, 1, false), new: (1, 0), requested: 2, outcome: .installRejected),
        Row(old: (2, 1, false), new: (1, 0), requested: 1, outcome: .accepted),
        Row(old: (2, 1, true), new: (1, 0), requested: 1, outcome: .shutdownRejected),
        Row(old: (2, 1, false), new: (2, 1), requested: 0, outcome: .shutdownRejected),
        Row(old: (1, 0, false), new: (3, 0), requested: 3, outcome: .shutdownRejected),
        Row(old: (0, 0, false), new: (0, 0), requested: 1 << 16, outcome: .shutdownRejected),
    ]

    @Test("through the firmware", arguments: rows)
    func matrix(row: Row) throws {
        let platform = try Fixtures.booted(
            Fixtures.image(update: 6, moduleHV: row.old.hv, minUpdateHV: row.old.min, noDowngrade: row.old.noDowngrade))
        let td = try Fixtures.runningTD(on: platform)
        let before = platform.tdSnapshot(td)
        do {
            try platform.sysShutdown(lp: 0, handoffVersion: row.requested)
        } catch {
            #expect(row.outcome == .shutdownRejected, "\(error)")
            #expect(error.status == SeamcallStatus.operandInvalid.with(detail: 1))
            #expect(platform.tdAvailability(td) == .available)
            return
        }
        #expect(row.outcome != .shutdownRejected)
        let image = try Fixtures.image(update: 7, moduleHV: row.new.hv, minUpdateHV: row.new.min)
        let failure = installOnEveryLP(platform, image).compactMap { $0 }.first
        if row.outcome == .installRejected {
            #expect(failure?.status == .seamldrBadHandoff)
            #expect(platform.lastInstallOutcome?.unrecoverable == false)
            return
        }
        #expect(failure == nil)
        try platform.sysInit(lp: 0)
        for lp in 0..<4 { try platform.sysLPInit(lp: lp) }
        try platform.sysUpdate(lp: 0)
        #expect(platform.tdSnapshot(td) == before)
        #expect(try platform.sysRead(lp: 0, field: .moduleHV) == UInt64(row.new.hv))
        #expect(try platform.sysRead(lp: 0, field: .handoffDataValid) == 0)
    }

    @Test("the pure rules agree with the kernel's choice of version", arguments: rows)
    func rules(row: Row) {
        let old = HandoffVersions(moduleHV: row.old.hv, minUpdateHV: row.old.min, noDowngrade: row.old.noDowngrade)
        let new = HandoffVersions(moduleHV: row.new.hv, minUpdateHV: row.new.min, noDowngrade: false)
        let accepted = old.canProduce(row.requested) && new.canConsume(UInt16(truncatingIfNeeded: row.requested))
        #expect(accepted == (row.outcome == .accepted))
        if row.requested == UInt64(row.old.hv) {
            #expect((HandoffVersions.kernelUpdateVersion(from: old, to: new) != nil) == (row.outcome == .accepted))
        }
    }

    @Test func readingTheHandoffMetadata() throws {
        let platform = try Fixtures.booted(Fixtures.image(moduleHV: 3, minUpdateHV: 1, noDowngrade: true))
        #expect(try platform.sysRead(lp: 1, field: .moduleHV) == 3)
        #expect(try platform.sysRead(lp: 1, field: .minUpdateHV) == 1)
        #expect(try platform.sysRead(lp: 1, field: .noDowngrade) == 1)
        #expect(try platform.sysRead(lp: 1, field: .numHandoffPages) == 13)
    }
}
