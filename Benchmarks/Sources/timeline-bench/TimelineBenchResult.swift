import BenchSupport
import Foundation
import TDXTimeline

/// One subject's medians and the picture's size.
struct PictureRow: Encodable {
    let name: String
    let cpus: Int
    let tds: Int
    let svgBytes: Int
    let buildNs: Double
    let renderNs: Double
    let renderWriteNs: Double
    let chromeTraceWriteNs: Double
    let chromeTraceBytes: Int
    let samples: [Sample]

    init(subject: PictureSubject, samples: [Sample]) {
        name = subject.name
        cpus = subject.cpus
        tds = subject.tds
        svgBytes = TimelineSVG.render(subject.timeline).utf8.count
        chromeTraceBytes = (try? subject.report.chromeTraceJSON().count) ?? 0
        buildNs = samples[0].median
        renderNs = samples[1].median
        renderWriteNs = samples[2].median
        chromeTraceWriteNs = samples[3].median
        self.samples = samples
    }

    enum CodingKeys: String, CodingKey {
        case name, cpus, tds, samples
        case svgBytes = "svg_bytes"
        case buildNs = "build_ns"
        case renderNs = "render_ns"
        case renderWriteNs = "render_write_ns"
        case chromeTraceWriteNs = "chrome_trace_write_ns"
        case chromeTraceBytes = "chrome_trace_bytes"
    }
}

/// Everything timeline-bench measured.
struct TimelineBenchResult: Encodable {
    let rows: [PictureRow]
    let repetitions: Int
    let machine: Machine

    func humanReport() -> String {
        var table = TextTable(header: [
            "picture", "SVG size", "build", "render", "render + write", "trace JSON + write", "ratio", "trace size",
        ])
        for row in rows {
            table.append([
                row.name, kib(row.svgBytes), formatNs(row.buildNs), formatNs(row.renderNs),
                formatNs(row.renderWriteNs), formatNs(row.chromeTraceWriteNs),
                formatRatio(row.renderWriteNs / row.chromeTraceWriteNs), kib(row.chromeTraceBytes),
            ])
        }
        return [
            "timeline-bench: the update picture (TDXTimeline), median of \(repetitions) repetitions",
            machine.summary, "",
            "build: Timeline from the report and the TD call rings; render: the SVG text; "
                + "write: TimelineFile.write (temp file, fsync, rename); ratio: render + write vs the Chrome trace JSON of the "
                + "same report written with Foundation's atomic write, same run",
            table.render(),
        ].joined(separator: "\n")
    }

    private func kib(_ bytes: Int) -> String { String(format: "%.1f KiB", Double(bytes) / 1024) }
}
