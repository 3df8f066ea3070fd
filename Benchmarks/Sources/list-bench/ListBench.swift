import ArgumentParser
import BenchSupport
import Foundation

/// Measures listing a folder of 300 real module images the way `tdxctl list` does, each
/// run in a fresh process so its peak resident set is the listing's own, beside the floor
/// of reading and hashing the same files, measured in the same run.
@main
struct ListBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-bench",
        abstract: "Listing 300 real images (ImageCatalog + selection) vs reading and hashing them.",
        discussion: """
            Builds a temporary folder of copies of Intel's published blobs (or generated ones when \
            shared/data/intel-tdx-module-binaries is absent), then alternates child processes: one \
            listing, one reading and SHA-384-ing every image. Each child reports its work's wall time \
            and its peak RSS. Targets: list under 1 s and under 64 MB resident.
            """)

    @Option(help: "Images in the folder.")
    var images = 300

    @Option(help: "Child runs per mode.")
    var repetitions = 7

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: .hidden)
    var child: String?

    @Option(help: .hidden)
    var folder: String?

    func run() throws {
        if let child, let folder {
            guard let mode = ChildMode(rawValue: child) else { throw ValidationError("unknown mode \(child)") }
            let result = try mode.run(folder: folder)
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
            return
        }
        let machine = Machine.current()
        let farm = try ImageFarm.make(images: images)
        defer { farm.cleanUp() }
        var results: [ChildMode: [ChildResult]] = [:]
        for _ in 0..<repetitions {
            for mode in ChildMode.allCases {
                results[mode, default: []].append(try Self.spawn(mode, folder: farm.path))
            }
        }
        let summary = ListBenchResult(
            images: farm.imageCount, source: farm.source, repetitions: repetitions,
            list: ModeSummary(results[.list] ?? []), readAndHash: ModeSummary(results[.readAndHash] ?? []),
            selected: results[.list]?.first?.selected, machine: machine.finished())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(summary.humanReport())
        }
    }

    /// Runs this executable as a child in `mode` and decodes its one line of JSON.
    static func spawn(_ mode: ChildMode, folder: String) throws -> ChildResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = ["--child", mode.rawValue, "--folder", folder]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("child \(mode.rawValue) exited \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(ChildResult.self, from: data)
    }
}

/// Median, minimum and maximum of one mode's runs.
struct ModeSummary: Codable {
    let wallNs: Sample
    let cpuNs: Sample
    let maxRSSKiB: [Int]
    let images: Int

    init(_ runs: [ChildResult]) {
        wallNs = Sample(values: runs.map(\.wallNs), operationsPerRepetition: 1)
        cpuNs = Sample(values: runs.map(\.cpuNs), operationsPerRepetition: 1)
        maxRSSKiB = runs.map(\.maxRSSKiB)
        images = runs.first?.images ?? 0
    }

    var peakRSSMiB: Double { Double(maxRSSKiB.max() ?? 0) / 1024 }

    enum CodingKeys: String, CodingKey {
        case images
        case wallNs = "wall_ns"
        case cpuNs = "cpu_ns"
        case maxRSSKiB = "max_rss_kib"
    }
}

/// The whole run, for JSON and the table.
struct ListBenchResult: Codable {
    let images: Int
    let source: String
    let repetitions: Int
    let list: ModeSummary
    let readAndHash: ModeSummary
    let selected: String?
    let machine: Machine

    enum CodingKeys: String, CodingKey {
        case images, source, repetitions, list, selected, machine
        case readAndHash = "read_and_hash"
    }

    func humanReport() -> String {
        var table = TextTable(
            header: ["mode", "images", "wall median", "wall min", "wall max", "CPU median", "peak RSS"])
        for (name, mode) in [("list (tdxctl list's work)", list), ("read + SHA-384 (floor)", readAndHash)] {
            table.append([
                name, "\(mode.images)", formatNs(mode.wallNs.median), formatNs(mode.wallNs.minimum),
                formatNs(mode.wallNs.maximum), formatNs(mode.cpuNs.median), String(format: "%.1f MiB", mode.peakRSSMiB),
            ])
        }
        let ratio = list.wallNs.median / readAndHash.wallNs.median
        let cpuRatio = list.cpuNs.median / readAndHash.cpuNs.median
        return """
            \(images) images (\(source)), \(repetitions) child runs per mode; \(machine.summary)
            \(table.render())
            list / floor (medians): wall \(String(format: "%.2f", ratio))x, CPU \(String(format: "%.2f", cpuRatio))x; \
            selected: \(selected ?? "none")
            targets: list < 1 s: wall \(list.wallNs.median < 1e9 ? "met" : "MISSED"), \
            CPU \(list.cpuNs.median < 1e9 ? "met" : "MISSED"); \
            peak RSS < 64 MB: \(list.peakRSSMiB * 1.048576 < 64 ? "met" : "MISSED")
            """
    }
}
