import ArgumentParser
import Foundation
import TDXHost
import TDXImage
import TDXUpdater
import Testing

@testable import tdxctl

/// Runs `tdxctl simulate`'s work (host, TDs, the operator's updater on the simulated
/// kernel's files) on a few simulated CPUs and checks what it reports.
@Suite("tdxctl simulate")
struct SimulateCommandTests {
    static let v1_5_06 = ModuleVersion(major: 1, minor: 5, update: 6)
    static let v1_5_08 = ModuleVersion(major: 1, minor: 5, update: 8)

    func simulate(
        cpus: Int = 2, faults: [String] = [], recover: Bool = false, from: ModuleVersion = v1_5_06,
        to: ModuleVersion = v1_5_08, force: Bool = false, staleVersion: Bool = false
    ) async throws -> Simulation.Result {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: cpus)
        configuration.tdCount = 2
        configuration.faults = try faults.map { text throws(StepFaultParseError) in try StepFault(parsing: text) }
        configuration.kernel.recovery = recover
        configuration.kernel.versionRefreshFails = staleVersion
        let catalog = try SimulationCatalog.builtin(versions: [from, to])
        return try await Simulation(
            configuration: configuration, catalog: catalog, from: from,
            request: UpdateRequest(version: to, force: force, timeout: .seconds(120))
        ) { _ in }.run()
    }

    func json(_ result: Simulation.Result) throws -> [String: Any] {
        let data = try JSONEncoder().encode(SimulationOutput(result, from: "1.5.06", to: "1.5.08"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a completed update: the updater's object, the kernel's steps per CPU, exit 0", .timeLimit(.minutes(3)))
    func completed() async throws {
        let result = try await simulate(cpus: 3)
        let object = try json(result)
        #expect(object["exit_code"] as? Int == 0)
        let update = try #require(object["update"] as? [String: Any])
        #expect(update["result"] as? String == "completed")
        #expect(update["version_before"] as? String == "1.5.06")
        #expect(update["version_after"] as? String == "1.5.08")
        #expect(update["exit_code"] as? Int == 0)
        #expect((update["progress"] as? [[String: Any]])?.last?["status"] as? String == "idle")
        let kernel = try #require(object["kernel"] as? [String: Any])
        #expect(kernel["outcome"] as? String == "completed")
        #expect(kernel["cpus"] as? Int == 3)
        #expect(kernel["tds"] as? Int == 2)
        #expect(kernel["tds_preserved"] as? Bool == true)
        #expect(kernel["seamcall_overlaps"] as? Int == 0)
        #expect((kernel["blackout_ns"] as? Int ?? 0) > 0)
        #expect((kernel["errors"] as? [Any])?.isEmpty == true)
        let steps = try #require(kernel["steps"] as? [[String: Any]])
        #expect(steps.map { $0["name"] as? String } == ["shutdown", "install", "init", "restore"])
        #expect(steps.map { $0["scope"] as? String } == ["once", "serial", "concurrent", "once"])
        #expect(steps.map { ($0["cpus"] as? [Any])?.count } == [1, 3, 3, 1])
        let first = try #require((steps[1]["cpus"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["cpu", "start_ns", "end_ns"])
        #expect(result.exitStatus == .success)
        let text = SimulationPrinter.render(result)
        #expect(text.contains("version: 1.5.06 -> 1.5.08"))
        #expect(text.contains("TDs preserved: yes"))
    }

    @Test("simulate's `update` object has exactly the keys `update --json` prints")
    func sameKeysAsUpdate() async throws {
        let result = try await simulate()
        let simulated = try #require(try json(result)["update"] as? [String: Any])
        let data = try JSONEncoder().encode(UpdateSummary(UpdateReport(result: .dryRun, message: "")))
        let update = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(simulated.keys) == Set(update.keys))
    }

    @Test("a fatal failure: version unreadable, the error named, exit 12", .timeLimit(.minutes(3)))
    func fatal() async throws {
        let result = try await simulate(faults: ["init:1:TDX_SYS_BUSY"])
        let object = try json(result)
        let update = try #require(object["update"] as? [String: Any])
        #expect(update["result"] as? String == "failed_fatal")
        #expect(update["version_after"] is NSNull)
        #expect((update["version_after_error"] as? String)?.contains("ENXIO") == true)
        let kernel = try #require(object["kernel"] as? [String: Any])
        #expect(kernel["tds_preserved"] as? Bool == false)
        let error = try #require((kernel["errors"] as? [[String: Any]])?.first)
        #expect(error["step"] as? String == "init")
        #expect(error["cpu"] as? Int == 1)
        #expect(error["status"] as? String == "TDX_SYS_BUSY")
        #expect(error["code"] as? String == "0x8000020200000000")
        #expect(result.exitStatus == .failedFatal)
        #expect(object["exit_code"] as? Int == 12)
    }

    @Test("harmless (shutdown) and recovered outcomes exit 11 and 13", .timeLimit(.minutes(3)))
    func harmlessAndRecovered() async throws {
        let harmless = try await simulate(faults: ["shutdown:0"])
        guard case .failedHarmless = harmless.update.result else {
            Issue.record("expected a harmless failure, got \(harmless.update.result)")
            return
        }
        #expect(harmless.kernel.tdsPreserved)
        #expect(harmless.exitStatus == .failedHarmless)
        let recovered = try await simulate(faults: ["install:1"], recover: true)
        #expect(recovered.kernel.recovered)
        #expect(recovered.update.versionAfter?.value == Self.v1_5_06)
        #expect(recovered.kernel.tdsPreserved)
        #expect(recovered.kernel.steps.map(\.name).suffix(3) == ["recover-install", "recover-init", "recover-restore"])
        #expect(recovered.exitStatus == .recovered)
    }

    @Test("the running version again is refused by the updater before anything stops; --force installs it")
    func sameVersion() async throws {
        let refused = try await simulate(from: Self.v1_5_08, to: Self.v1_5_08)
        guard case .refused(.notEligible(_, _, let reasons)) = refused.update.result else {
            Issue.record("expected a refusal, got \(refused.update.result)")
            return
        }
        #expect(reasons.map(\.code).contains("same_as_running"), "\(reasons)")
        #expect(refused.kernel.outcome == nil, "no image reached the kernel")
        #expect(refused.kernel.steps.isEmpty && refused.kernel.blackoutNs == 0)
        #expect(refused.exitStatus == .refused)

        let forced = try await simulate(from: Self.v1_5_08, to: Self.v1_5_08, force: true)
        #expect(forced.update.result == .completed, "\(forced.update.message)")
        #expect(forced.kernel.outcome == "completed")
    }

    @Test(
        "the kernel reports success but keeps its cached old version: completed_version_stale, exit 15",
        .timeLimit(.minutes(3)))
    func staleVersion() async throws {
        let result = try await simulate(staleVersion: true)
        #expect(result.update.result == .completedVersionStale(reads: Self.v1_5_06), "\(result.update.message)")
        #expect(result.update.upload.map { if case .completed = $0 { true } else { false } } == true)
        #expect(result.kernel.outcome == "completed", "the new module does run")
        #expect(result.kernel.tdsPreserved)
        #expect(result.exitStatus == .versionStale)
        #expect(try json(result)["exit_code"] as? Int == 15)
    }

    @Test("an older image is refused by the updater: exit 10", .timeLimit(.minutes(3)))
    func refused() async throws {
        let result = try await simulate(from: Self.v1_5_08, to: Self.v1_5_06)
        guard case .refused = result.update.result else {
            Issue.record("expected a refusal, got \(result.update.result)")
            return
        }
        #expect(result.kernel.steps.isEmpty)
        #expect(result.update.versionBefore == Self.v1_5_08)
        #expect(result.exitStatus == .refused)
    }

    @Test("bad options are usage errors", .timeLimit(.minutes(3)))
    func badOptions() {
        for arguments in [
            ["simulate", "--cpus", "0"], ["simulate", "--inject", "reboot:1"], ["simulate", "--to", "x"],
        ] {
            #expect(throws: (any Error).self) { try Tdxctl.parseAsRoot(arguments) }
        }
    }
}
