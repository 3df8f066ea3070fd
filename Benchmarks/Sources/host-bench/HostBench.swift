import ArgumentParser
import BenchSupport
import Foundation
import TDXSysfs

/// Measures `tdxctl status` and `tdxctl list` (the release binary, each run a fresh
/// process) on host roots with one file mutated (missing, empty, junk, huge, a directory,
/// a FIFO, a symlink loop, a symlink to a big file; both layouts) and on roots whose CPU
/// lists are 4 KiB of 400 overlapping ranges, against the same commands on an intact root
/// measured in the same run. Target: every run under 1 s.
@main
struct HostBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host-bench",
        abstract: "tdxctl status and list on mutated host roots vs an intact root (target: each under 1 s).")

    @Option(help: "The tdxctl to run (build it with `swift build -c release --product tdxctl`).")
    var tdxctl = ".build/release/tdxctl"

    @Option(help: "Runs per command and root.")
    var repetitions = 3

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        guard FileManager.default.isExecutableFile(atPath: tdxctl) else {
            throw ValidationError("no tdxctl at \(tdxctl); build it with `swift build -c release --product tdxctl`")
        }
        let machine = Machine.current()
        let farm = try RootFarm.make()
        defer { farm.cleanUp() }
        let parse = ParseTiming.measure(CPURangeText.fourHundredRanges)
        var groups: [String: [Double]] = [:]
        var slowest: (ns: Double, what: String) = (0, "")
        for _ in 0..<repetitions {
            for root in farm.roots {
                for command in ["status", "list"] {
                    var arguments = [command, "--root", root.path]
                    if command == "list" { arguments += ["--images", farm.images] }
                    let ns = try ChildRun.wallNs(tdxctl, arguments)
                    groups["\(command) \(root.group)", default: []].append(ns)
                    if ns > slowest.ns { slowest = (ns, "\(command) \(root.name)") }
                }
            }
        }
        let result = HostBenchResult(
            roots: farm.roots.count, repetitions: repetitions,
            groups: groups.mapValues { Sample(values: $0, operationsPerRepetition: 1) },
            slowest: slowest.what, slowestNs: slowest.ns, cpuListParseNs: parse, machine: machine.finished())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(result.humanReport())
        }
    }
}

/// The 4 KiB CPU list of the issue: 400 large overlapping ranges.
enum CPURangeText {
    static let fourHundredRanges = (0..<400).map { "\($0 * 7)-65535" }.joined(separator: ",") + "\n"
}

/// `CPUList.parse` of one text in process: the median of a few runs, in ns.
enum ParseTiming {
    static func measure(_ text: String) -> Sample {
        var values: [Double] = []
        for _ in 0..<9 {
            let start = ContinuousClock.now
            let cpus = CPUList.parse(text)
            let elapsed = ContinuousClock.now - start
            precondition(cpus?.count == 65_536, "the 400-range list must parse to 65,536 CPUs")
            values.append(Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9)
        }
        return Sample(values: values, operationsPerRepetition: 1)
    }
}

/// The whole run, for JSON and the table.
struct HostBenchResult: Codable {
    let roots: Int
    let repetitions: Int
    /// Wall ns per run, by "command group" ("status intact", "list mutated", ...).
    let groups: [String: Sample]
    let slowest: String
    let slowestNs: Double
    let cpuListParseNs: Sample
    let machine: Machine

    enum CodingKeys: String, CodingKey {
        case roots, repetitions, groups, slowest, machine
        case slowestNs = "slowest_ns"
        case cpuListParseNs = "cpu_list_parse_ns"
    }

    func humanReport() -> String {
        var table = TextTable(header: ["command on", "runs", "median", "max", "median / intact"])
        for command in ["status", "list"] {
            let intact = groups["\(command) intact"]?.median ?? .nan
            for group in RootFarm.groups {
                guard let sample = groups["\(command) \(group)"] else { continue }
                table.append([
                    "\(command) \(group)", "\(sample.values.count)", formatNs(sample.median), formatNs(sample.maximum),
                    formatRatio(sample.median / intact),
                ])
            }
        }
        return """
            \(roots) roots, \(repetitions) runs each per command; \(machine.summary)
            \(table.render())
            slowest run: \(slowest) \(formatNs(slowestNs)) (target: every run under 1 s)
            CPUList.parse of 400 overlapping ranges (4 KiB) in process: median \(formatNs(cpuListParseNs.median))
            """
    }
}
