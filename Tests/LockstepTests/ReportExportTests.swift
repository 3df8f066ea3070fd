import Foundation
import Testing

@testable import Lockstep

@Suite("Report export", .timeLimit(.minutes(3)))
struct ReportExportTests {
    static func sampleReport() throws -> ProcedureReport {
        let machine = try StopMachine(cpus: .simulated(count: 3))
        defer { machine.shutdown() }
        let procedure = Procedure<Void>(
            name: "sample",
            steps: [
                Step("shutdown", scope: .once()) { _ in },
                Step("install", scope: .serial) { context in
                    if context.cpu.index == 1 { throw InjectedFailure(step: 1, cpu: 1) }
                },
                Step("init", scope: .concurrent) { _ in },
            ],
            recovery: [Step("reinstall", scope: .serial) { _ in }])
        return machine.run(procedure, context: ())
    }

    @Test("JSON uses snake_case keys and round-trips")
    func jsonRoundTrip() throws {
        let report = try Self.sampleReport()
        #expect(report.outcome == .recovered)
        let data = try report.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys).isSuperset(of: [
                "procedure", "outcome", "cpu_count", "steps", "errors", "watchdog_events", "start_ns", "end_ns",
            ]))
        #expect(object["outcome"] as? String == "recovered")
        let steps = try #require(object["steps"] as? [[String: Any]])
        let cpus = try #require(steps.first?["cpus"] as? [[String: Any]])
        #expect(Set(cpus[0].keys) == ["cpu", "start_ns", "end_ns"])
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(Set(errors[0].keys) == ["step_index", "step_name", "cpu", "message"])

        let decoded = try JSONDecoder().decode(ProcedureReport.self, from: data)
        #expect(decoded.procedure == "sample" && decoded.outcome == .recovered && decoded.cpuCount == 3)
        #expect(decoded.steps.map(\.name) == ["shutdown", "install", "reinstall"])
        #expect(decoded.steps.map(\.phase) == [.main, .main, .recovery])
        #expect(decoded.steps.map(\.cpus) == report.steps.map(\.cpus))
        #expect(decoded.errors.map(\.message) == report.errors.map(\.message))
        #expect(decoded.errors.first?.underlying == nil)
        #expect(decoded.failedStep == 1)
        #expect(try decoded.jsonData() == data)
    }

    @Test("Chrome trace: one complete event per CPU per step, metadata, error marks")
    func chromeTraceShape() throws {
        let report = try Self.sampleReport()
        let data = try report.chromeTraceJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        let complete = events.filter { $0["ph"] as? String == "X" }
        #expect(complete.count == report.steps.map(\.cpus.count).reduce(0, +))
        #expect(complete.count == 1 + 3 + 3)
        for event in complete {
            #expect(event["ts"] is Double || event["ts"] is Int)
            #expect(event["dur"] != nil && event["pid"] as? Int == 1)
            #expect([0, 1, 2].contains(event["tid"] as? Int ?? -1))
        }
        let names = events.filter { $0["ph"] as? String == "M" }.compactMap {
            ($0["args"] as? [String: Any])?["name"] as? String
        }
        #expect(names == ["CPU 0", "CPU 1", "CPU 2"])
        let marks = events.filter { $0["ph"] as? String == "i" }
        #expect(marks.count == 1 && marks[0]["tid"] as? Int == 1)
        let install = complete.filter { $0["name"] as? String == "install" }
        let starts = install.sorted { ($0["tid"] as! Int) < ($1["tid"] as! Int) }.map {
            ($0["ts"] as? Double) ?? Double($0["ts"] as? Int ?? 0)
        }
        #expect(starts == starts.sorted(), "serial steps appear in CPU order")
    }
}
