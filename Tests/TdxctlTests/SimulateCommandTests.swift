import ArgumentParser
import Foundation
import TDXHost
import TDXImage
import Testing

@testable import tdxctl

/// Runs `tdxctl simulate`'s work (host, TDs, upload through the updater's uploader) on a
/// few simulated CPUs and checks the report it prints.
@Suite("tdxctl simulate")
struct SimulateCommandTests {
    static let images = try! SimulationImages.builtin(
        from: ModuleVersion(major: 1, minor: 5, update: 6), to: ModuleVersion(major: 1, minor: 5, update: 8))

    func simulate(cpus: Int = 2, faults: [String] = [], recover: Bool = false) async throws -> Simulation.Result {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: cpus)
        configuration.tdCount = 2
        configuration.faults = try faults.map { text throws(StepFaultParseError) in try StepFault(parsing: text) }
        configuration.kernel.recovery = recover
        return try await Simulation(configuration: configuration, images: Self.images) { _ in }.run()
    }

    func json(_ report: SimulationReport) throws -> [String: Any] {
        let data = try JSONEncoder().encode(report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a completed update: JSON keys, steps with one entry per CPU, exit 0", .timeLimit(.minutes(1)))
    func completed() async throws {
        let result = try await simulate(cpus: 3)
        let object = try json(result.report)
        #expect(object["outcome"] as? String == "completed")
        #expect(object["version_before"] as? String == "1.5.06")
        #expect(object["version_after"] as? String == "1.5.08")
        #expect(object["cpus"] as? Int == 3)
        #expect(object["tds"] as? Int == 2)
        #expect(object["tds_preserved"] as? Bool == true)
        #expect(object["seamcall_overlaps"] as? Int == 0)
        #expect((object["blackout_ns"] as? Int ?? 0) > 0)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["name"] as? String } == ["shutdown", "install", "init", "restore"])
        #expect(steps.map { $0["scope"] as? String } == ["once", "serial", "concurrent", "once"])
        #expect(steps.map { ($0["cpus"] as? [Any])?.count } == [1, 3, 3, 1])
        let first = try #require((steps[1]["cpus"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["cpu", "start_ns", "end_ns"])
        #expect(SimulateCommand.exitCode(result.update) == nil)
        let text = SimulationPrinter.render(result.report)
        #expect(text.contains("version: 1.5.06 -> 1.5.08"))
        #expect(text.contains("TDs preserved: yes"))
    }

    @Test("a fatal failure: version_after null, the error named, exit 12", .timeLimit(.minutes(1)))
    func fatal() async throws {
        let result = try await simulate(faults: ["init:1:TDX_SYS_BUSY"])
        let object = try json(result.report)
        #expect(object["outcome"] as? String == "failed_fatal")
        #expect(object["version_after"] is NSNull)
        #expect(object["tds_preserved"] as? Bool == false)
        let error = try #require((object["errors"] as? [[String: Any]])?.first)
        #expect(error["step"] as? String == "init")
        #expect(error["cpu"] as? Int == 1)
        #expect(error["status"] as? String == "TDX_SYS_BUSY")
        #expect(error["code"] as? String == "0x8000020200000000")
        #expect(SimulateCommand.exitCode(result.update) == .failedFatal)
    }

    @Test("harmless (shutdown) and recovered outcomes map to exit 11 and 13", .timeLimit(.minutes(1)))
    func harmlessAndRecovered() async throws {
        let harmless = try await simulate(faults: ["shutdown:0"])
        #expect(harmless.report.outcome == "failed_harmless")
        #expect(harmless.report.tdsPreserved)
        #expect(SimulateCommand.exitCode(harmless.update) == .failedHarmless)
        let recovered = try await simulate(faults: ["install:1"], recover: true)
        #expect(recovered.report.outcome == "recovered")
        #expect(recovered.report.versionAfter == "1.5.06")
        #expect(recovered.report.tdsPreserved)
        #expect(recovered.report.steps.map(\.name).suffix(3) == ["recover-install", "recover-init", "recover-restore"])
        #expect(SimulateCommand.exitCode(recovered.update) == .recovered)
    }

    @Test("an older image is refused before anything stops: exit 10", .timeLimit(.minutes(1)))
    func refused() async throws {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: 2)
        configuration.tdCount = 1
        let images = try SimulationImages.builtin(
            from: ModuleVersion(major: 1, minor: 5, update: 8), to: ModuleVersion(major: 1, minor: 5, update: 6))
        let result = try await Simulation(configuration: configuration, images: images) { _ in }.run()
        #expect(result.report.refused?.code == "older_version")
        #expect(result.report.outcome == "failed_harmless")
        #expect(result.report.steps.isEmpty)
        #expect(result.report.versionAfter == "1.5.08")
        #expect(SimulateCommand.exitCode(result.update) == .refused)
    }

    @Test("bad options are usage errors", .timeLimit(.minutes(1)))
    func badOptions() {
        for arguments in [
            ["simulate", "--cpus", "0"], ["simulate", "--inject", "reboot:1"], ["simulate", "--to", "x"],
        ] {
            #expect(throws: (any Error).self) { try Tdxctl.parseAsRoot(arguments) }
        }
    }
}
