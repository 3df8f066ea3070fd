import Foundation
import TDXSysfs
import Testing

@testable import TDXUpdater

/// `tdxctl status --format prometheus`, checked by Prometheus's own tools: `promtool check
/// metrics` (Debian `prometheus`) and the PyPI `prometheus-client` text parser.
@Suite("tdxctl status --format prometheus", .enabled(if: Tdxctl.path != nil), .timeLimit(.minutes(3)))
struct StatusMetricsTests {
    static let promtool = ExternalTool("promtool")

    /// A host root whose history holds one refusal.
    static func refusedOnce() async throws -> TemporaryHostRoot {
        let images = try GeneratedImageFolder(versions: ["1.5.06"])
        let root = try TemporaryHostRoot(HostDescription())
        let run = try await Tdxctl.run(["update", "--root", root.path, "--images", images.path, "--trust", "test"])
        #expect(run.status == 10)
        return root
    }

    @Test("promtool check metrics accepts the output, history included", .enabled(if: promtool != nil))
    func promtoolAccepts() async throws {
        let root = try await Self.refusedOnce()
        let run = try await Tdxctl.run(["status", "--root", root.path, "--format", "prometheus"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("tdx_module_last_update_result{result=\"refused\"} 1\n"))
        let check = try await #require(Self.promtool).run(["check", "metrics"], input: run.stdout)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.isEmpty && check.stderr.isEmpty, "lint findings: \(check.stdout)\(check.stderr)")
    }

    @Test(
        "prometheus_client parses every metric back with its value and labels",
        .enabled(if: PrometheusClientParser.python != nil))
    func clientParses() async throws {
        let root = try await Self.refusedOnce()
        let journal = try HistoryJournal(root: root.path).read()
        let record = try #require(journal.records.last)
        let run = try await Tdxctl.run(["status", "--root", root.path, "--format", "prometheus"])
        let samples = try await PrometheusClientParser.parse(run.stdout)
        var values: [String: Double] = [:]
        for sample in samples { values[sample.name] = sample.value }
        #expect(
            Set(values.keys) == [
                "tdx_module_available", "tdx_module_info", "tdx_module_remaining_updates",
                "tdx_module_update_supported",
                "tdx_module_last_update_result", "tdx_module_last_update_exit_code",
                "tdx_module_last_update_timestamp_seconds", "tdx_module_last_update_duration_seconds",
            ])
        #expect(samples.allSatisfy { $0.type == "gauge" && !$0.help.isEmpty })
        let info = try #require(samples.first { $0.name == "tdx_module_info" })
        #expect(info.labels == ["version": "1.5.06", "seamldr_version": "1.5.00"])
        #expect(info.value == 1)
        #expect(values["tdx_module_available"] == 1)
        #expect(values["tdx_module_remaining_updates"] == 16)
        #expect(values["tdx_module_update_supported"] == 1)
        #expect(samples.first { $0.name == "tdx_module_last_update_result" }?.labels == ["result": "refused"])
        #expect(values["tdx_module_last_update_exit_code"] == 10)
        let timestamp = try #require(values["tdx_module_last_update_timestamp_seconds"])
        #expect(abs(timestamp - (try #require(record.secondsSinceEpoch))) < 0.001)
        #expect(values["tdx_module_last_update_duration_seconds"] == record.durationSeconds)
    }

    @Test("unknown values leave their metric out; a host without TDX still exits 0 with its metrics")
    func absentWhenUnknown() async throws {
        let root = try TemporaryHostRoot(HostDescription())
        try root.remove(HostPaths.remainingUpdates)
        try root.remove(HostPaths.seamldrVersion)
        let run = try await Tdxctl.run(["status", "--root", root.path, "--format", "prometheus"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("tdx_module_remaining_updates"))
        #expect(!run.stdout.contains("tdx_module_last_update"), "no history: no last-update metrics")
        #expect(run.stdout.contains("tdx_module_info{version=\"1.5.06\"} 1\n"))

        var none = HostDescription()
        none.layout = .noTDX
        let noTDX = try TemporaryHostRoot(none)
        let bare = try await Tdxctl.run(["status", "--root", noTDX.path, "--format", "prometheus"])
        #expect(bare.status == 0)
        #expect(bare.stdout.contains("tdx_module_available 0\n"))
        #expect(bare.stdout.contains("tdx_module_update_supported 0\n"))
        #expect(!bare.stdout.contains("tdx_module_info"))
        if let promtool = Self.promtool {
            for output in [run.stdout, bare.stdout] {
                #expect(try await promtool.run(["check", "metrics"], input: output).status == 0)
            }
        }
    }

    @Test("--format json is --json; --json with another format is a usage error")
    func formats() async throws {
        let root = try TemporaryHostRoot(HostDescription())
        let json = try await Tdxctl.run(["status", "--root", root.path, "--format", "json"])
        #expect(try json.json()["module_version"] as? String == "1.5.06")
        #expect(try await Tdxctl.run(["status", "--root", root.path, "--json", "--format", "prometheus"]).status == 64)
        #expect(try await Tdxctl.run(["status", "--root", root.path, "--format", "xml"]).status == 64)
    }

    @Test(
        "label values and help text are escaped: the parser reads back exactly what was written",
        .enabled(if: PrometheusClientParser.python != nil))
    func escaping() async throws {
        let awkward = "a \"quoted\" \\path\\ and\na newline, ü"
        let text = PrometheusText.render([
            PrometheusMetric(
                name: "tdx_test_info", help: "help with \\ and\nnewline",
                samples: [PrometheusMetric.Sample(labels: [PrometheusMetric.Label("value", awkward)], value: 1)]),
            PrometheusMetric(name: "tdx_test_unknown", help: "left out", samples: []),
            PrometheusMetric(name: "tdx_test_fraction", help: "a fraction", value: 0.25),
        ])
        #expect(!text.contains("tdx_test_unknown"))
        let samples = try await PrometheusClientParser.parse(text)
        #expect(samples.count == 2)
        #expect(samples.first?.labels == ["value": awkward])
        #expect(samples.first?.help == "help with \\ and\nnewline")
        #expect(samples.last?.value == 0.25)
    }

    @Test("values: integers without a fraction, special values as the format spells them")
    func values() {
        #expect(PrometheusText.formatValue(16) == "16")
        #expect(PrometheusText.formatValue(1_796_400_930.125) == "1796400930.125")
        #expect(PrometheusText.formatValue(.nan) == "NaN")
        #expect(PrometheusText.formatValue(-.infinity) == "-Inf")
        #expect(PrometheusText.escapeLabelValue("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
    }
}
