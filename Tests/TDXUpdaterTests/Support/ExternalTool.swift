import ChildProcess
import Foundation
import Testing

/// A program found on PATH (promtool, python3, sha384sum, setpriv), run to completion with
/// text on its standard input.
struct ExternalTool: Sendable {
    let path: String

    /// The program `name` on PATH, nil when absent.
    init?(_ name: String) {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard
            let found = directories.map({ "\($0)/\(name)" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return nil }
        path = found
    }

    /// Runs the program with `arguments`, feeding `input`; stopped after 60 s.
    func run(_ arguments: [String], input: String = "") throws -> ChildRun {
        try ChildRun.run(path, arguments, input: input)
    }
}

/// The Prometheus text-format parser of the PyPI `prometheus-client` package, run through
/// python3: parses an exposition and returns its samples.
enum PrometheusClientParser {
    /// python3, when it can import prometheus_client.
    static let python: ExternalTool? = {
        guard let python = ExternalTool("python3"),
            let probe = try? python.run(["-c", "import prometheus_client.parser"]), probe.status == 0
        else { return nil }
        return python
    }()

    struct Sample: Equatable {
        let family: String
        let type: String
        let help: String
        let name: String
        let labels: [String: String]
        let value: Double
    }

    private static let script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            for sample in family.samples:
                out.append({"family": family.name, "type": family.type, "help": family.documentation,
                            "name": sample.name, "labels": sample.labels, "value": sample.value})
        print(json.dumps(out))
        """

    /// Every sample of `exposition`; fails the test when the parser rejects it.
    static func parse(_ exposition: String) async throws -> [Sample] {
        let python = try #require(python)
        let result = try await python.run(["-c", script], input: exposition)
        try #require(result.status == 0, "prometheus_client rejected the exposition: \(result.stderr)")
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return try objects.map { object in
            Sample(
                family: try #require(object["family"] as? String), type: try #require(object["type"] as? String),
                help: try #require(object["help"] as? String), name: try #require(object["name"] as? String),
                labels: try #require(object["labels"] as? [String: String]),
                value: try #require((object["value"] as? NSNumber)?.doubleValue))
        }
    }
}
