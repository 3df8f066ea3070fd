import ArgumentParser
import BenchSupport
import Foundation

/// How long drawing an update's picture takes and how big it is, for 2 to 256 CPUs:
/// building the `Timeline` from the host's report and the TDs' call rings, rendering the
/// SVG, and rendering plus writing it to a file atomically; against writing the same
/// report as Chrome trace JSON (the other export of an update), measured in the same run.
@main
struct TimelineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline-bench",
        abstract: "Time and size of the update picture (TDXTimeline SVG) for 2-256 CPUs.",
        discussion: """
            Each row is one real update on a simulated host (firmware models, TD workloads \
            running), drawn many times. The last row is a synthetic worst case: 256 CPUs, \
            every main and recovery step, a failure on every CPU, and 256 TDs with a full \
            ring of 4096 calls each. Target: 256 CPUs written in under 100 ms, under 2 MB.
            """)

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(help: "Short repetitions for a smoke run; numbers are noisier.")
    var quick = false

    @Option(help: "CPU counts of the real updates.")
    var cpus: [Int] = [2, 64, 256]

    @Option(help: "TDs on each host.")
    var tds = 8

    func run() throws {
        let plan: MeasurementPlan = quick ? .quick : .full
        let machine = Machine.current()
        let progress = Progress(enabled: !json)
        var subjects: [PictureSubject] = []
        for count in cpus {
            progress.say("updating a host of \(count) CPUs and \(tds) TDs")
            subjects.append(try PictureSubject.update(cpus: count, tds: tds))
        }
        subjects.append(PictureSubject.worstCase(cpus: 256, tds: 256, callsPerTD: 4096))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var rows: [PictureRow] = []
        for subject in subjects {
            progress.say("measuring \(subject.name)")
            let file = folder.appendingPathComponent("\(subject.cpus).svg")
            let samples = try plan.measureInterleaved(subject.contenders(writingTo: file), progress: progress.say)
            rows.append(PictureRow(subject: subject, samples: samples))
        }
        let result = TimelineBenchResult(rows: rows, repetitions: plan.repetitions, machine: machine.finished())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(result.humanReport())
        }
    }
}

/// Progress lines on stderr while a human waits (silent in JSON mode).
struct Progress {
    let enabled: Bool
    func say(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
