import Foundation
import Lockstep
import TDXHost
import TDXImage
import TDXTimeline
import Testing

/// A real update on a simulated host (TD workloads running through the stop gate), and
/// its picture: the timeline built from the host's report, the SVG, and the SVG parsed.
struct UpdatePicture {
    let attempt: UpdateAttempt
    let report: ProcedureReport
    let timeline: Timeline
    let svg: String
    let root: SVGElement

    static let from = try! BuiltinImages.image(version: ModuleVersion(major: 1, minor: 5, update: 6))
    static let to = try! BuiltinImages.image(version: ModuleVersion(major: 1, minor: 5, update: 8))

    /// Updates a host of `cpus` simulated CPUs and `tds` TDs from 1.5.06 to 1.5.08 with
    /// `faults` injected, waits for the TDs to run again (unless the module is lost), and
    /// draws it.
    static func make(cpus: Int, tds: Int, faults: [StepFault] = [], recovery: Bool = false) throws -> UpdatePicture {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: cpus)
        configuration.tdCount = tds
        configuration.runningImage = from
        configuration.faults = faults
        configuration.kernel.recovery = recovery
        let host = try SimulatedHost(configuration: configuration)
        defer { host.shutdown() }
        host.startWorkloads()
        #expect(host.workloads.waitForProgress(since: host.workloads.progress, calls: 20, timeout: .seconds(20)))
        let attempt = host.update(imageBytes: to)
        if attempt.outcome != .failedFatal {
            #expect(host.workloads.waitForProgress(since: host.workloads.progress, calls: 20, timeout: .seconds(20)))
        } else {
            let deadline = ContinuousClock.now + .seconds(120)
            while host.workloads.progress.contains(where: { $0.failedCalls < 2 }), ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.001)
            }
        }
        host.workloads.stop()
        let timeline = host.timeline(of: attempt)
        let svg = TimelineSVG.render(timeline)
        return UpdatePicture(
            attempt: attempt, report: try #require(attempt.report), timeline: timeline, svg: svg,
            root: try SVGTree.parse(svg))
    }

    /// The axis as the picture labels it: x = offset + ns × scale, from two tick labels
    /// ("-20 µs", "40 µs") and their positions, with ns relative to the gate closing.
    func axis() throws -> (offset: Double, scale: Double) {
        let labels = try #require(root.element(id: "axis")).children.filter { $0.name == "text" }
        let ticks = try labels.map { label -> (ns: Double, x: Double) in
            let parts = label.text.split(separator: " ")
            let value = try #require(parts.first.flatMap { Double($0) }, "tick \(label.text)")
            let unit: Double = try #require(
                ["ns": 1, "µs": 1_000, "ms": 1_000_000, "s": 1_000_000_000][String(parts.last ?? "")])
            return (value * unit, try #require(label.number("x")))
        }
        let first = try #require(ticks.first)
        let last = try #require(ticks.last)
        #expect(ticks.count >= 3, "an axis needs ticks")
        let scale = (last.x - first.x) / (last.ns - first.ns)
        return (first.x - first.ns * scale, scale)
    }
}

/// A `<text>` element's box, from its position, size, anchor and an estimated 0.6 em per
/// character (the fonts an SVG viewer picks for sans-serif average about that).
struct TextBox: CustomStringConvertible {
    let text: String
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double

    init?(_ element: SVGElement) {
        guard element.name == "text", let x = element.number("x"), let y = element.number("y"),
            let size = element.number("font-size") ?? element.inherited("font-size").flatMap(Double.init)
        else { return nil }
        text = element.text
        let width = Double(element.text.count) * size * 0.6
        switch element.attributes["text-anchor"] ?? "start" {
        case "middle": left = x - width / 2
        case "end": left = x - width
        default: left = x
        }
        right = left + width
        top = y - size * 0.8
        bottom = y + size * 0.2
    }

    func overlaps(_ other: TextBox) -> Bool {
        left < other.right - 0.01 && other.left < right - 0.01 && top < other.bottom - 0.01
            && other.top < bottom - 0.01
    }

    var description: String { "\"\(text)\" [\(left)…\(right)] × [\(top)…\(bottom)]" }
}
