import Foundation
import Lockstep
import TDXHost
import TDXTimeline
import Testing

/// The update picture drawn from real simulated updates (TD workloads running through the
/// stop gate, faults injected through the host's SEAMCALL layer) and read back with
/// Foundation's XML parser.
@Suite("TimelineSVGTests: the per-CPU update picture", .timeLimit(.minutes(3)))
struct TimelineSVGTests {
    @Test("a real update draws as well-formed SVG with nothing outside itself")
    func wellFormedAndSelfContained() throws {
        let picture = try UpdatePicture.make(cpus: 4, tds: 2)
        #expect(picture.root.name == "svg")
        #expect((picture.root.number("width") ?? 0) > 0)
        #expect((picture.root.number("height") ?? 0) > 0)
        let lowered = picture.svg.lowercased()
        for forbidden in [
            "<script", "href", "<image", "<foreignobject", "<style", "@import", "url(", "https:", "onload",
        ] {
            #expect(!lowered.contains(forbidden), "the SVG contains \(forbidden)")
        }
        #expect(lowered.components(separatedBy: "http:").count == 2, "the only URI is the SVG namespace")
        for step in picture.report.steps {
            #expect(step.cpus.count == (step.scope == "once" ? 1 : 4))
            for timing in step.cpus {
                #expect(picture.root.element(id: "bar-s\(step.index)-c\(timing.cpu)") != nil)
            }
        }
        let texts = picture.root.descendants.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains { $0.contains("1.5.06 → 1.5.08") })
        #expect(texts.contains("completed"))
        #expect(texts.contains { $0.hasPrefix("4 CPUs · 2 TDs · blackout ") })
        #expect(texts.filter { $0.hasPrefix("cpu ") }.count == 4)
        #expect(texts.filter { $0.hasPrefix("td ") }.count == 2)
    }

    @Test(
        "every bar's x and width are its CPU's start and end under the axis's scale",
        arguments: [2, 8, 64])
    func barsFollowTheAxis(cpus: Int) throws {
        let picture = try UpdatePicture.make(cpus: cpus, tds: 2)
        let (offset, scale) = try picture.axis()
        let closed = try #require(picture.report.gateClosedNs)
        func x(_ ns: UInt64) -> Double { offset + Double(Int64(bitPattern: ns &- closed)) * scale }
        var checked = 0
        var previousY: [Int: Double] = [:]
        for step in picture.report.steps {
            for timing in step.cpus {
                let bar = try #require(picture.root.element(id: "bar-s\(step.index)-c\(timing.cpu)"))
                let width = max(Double(timing.endNs - timing.startNs) * scale, TimelineSVG.minimumBarWidth)
                #expect(abs((bar.number("x") ?? .nan) - x(timing.startNs)) < 0.05, "\(step.name) on cpu \(timing.cpu)")
                #expect(abs((bar.number("width") ?? .nan) - width) < 0.05, "\(step.name) on cpu \(timing.cpu)")
                let y = try #require(bar.number("y"))
                if let previous = previousY[step.index] { #expect(y > previous, "lanes go down in CPU order") }
                previousY[step.index] = y
                checked += 1
            }
        }
        #expect(checked == 2 + 2 * cpus, "once + serial + concurrent + once")
        let band = try #require(picture.root.element(id: "blackout"))
        let stopped = try #require(picture.report.stoppedNs)
        #expect(abs((band.number("x") ?? .nan) - offset) < 0.05, "the band starts where the gate closed")
        #expect(abs((band.number("width") ?? .nan) - Double(stopped) * scale) < 0.05)
        let drain = try #require(picture.root.element(id: "drain"))
        let drainNs = try #require(picture.report.drainNs)
        let drainWidth = max(Double(drainNs) * scale, TimelineSVG.minimumBarWidth)
        #expect(abs((drain.number("width") ?? .nan) - drainWidth) < 0.05)
    }

    @Test("the serial step's hand-off runs from each CPU's end to the next CPU's start")
    func handOffOrder() throws {
        let picture = try UpdatePicture.make(cpus: 4, tds: 1)
        let install = try #require(picture.report.steps.first { $0.scope == "serial" })
        let path = try #require(picture.root.element(id: "handoff-\(install.index)"))
        let points = try #require(path.attributes["d"]).split(whereSeparator: { "ML".contains($0) }).map { pair in
            pair.split(separator: " ").compactMap { Double($0) }
        }
        #expect(points.count == 2 * (install.cpus.count - 1))
        for (turn, pair) in zip(install.cpus.indices.dropLast(), stride(from: 0, to: points.count, by: 2)) {
            let from = try #require(picture.root.element(id: "bar-s\(install.index)-c\(install.cpus[turn].cpu)"))
            let to = try #require(picture.root.element(id: "bar-s\(install.index)-c\(install.cpus[turn + 1].cpu)"))
            let fromEnd = (from.number("x") ?? 0) + (from.number("width") ?? 0)
            #expect(abs(points[pair][0] - fromEnd) < 0.02)
            #expect(abs(points[pair + 1][0] - (to.number("x") ?? 0)) < 0.02)
            #expect(points[pair + 1][1] > points[pair][1], "the turn passes down to the next lane")
        }
        #expect(path.title?.contains("cpu 0 → cpu 1 → cpu 2 → cpu 3") == true)
    }

    @Test("an injected install failure is red with its status; recovery steps are drawn apart")
    func failureAndRecovery() throws {
        let picture = try UpdatePicture.make(
            cpus: 3, tds: 2, faults: [StepFault(step: .install, cpu: 1)], recovery: true)
        #expect(picture.attempt.outcome == .recovered)
        let failure = try #require(picture.attempt.failures.first)
        let status = try #require(failure.status.name)
        let install = try #require(picture.report.steps.first { $0.name == "install" })
        let failed = try #require(picture.root.element(id: "bar-s\(install.index)-c1"))
        let failureColour = try #require(failed.attributes["fill"])
        #expect(failed.title?.contains("FAILED: \(status)") == true, "\(failed.title ?? "no title")")
        #expect(failed.title?.contains("injected") == true)
        for cpu in [0, 2] {
            let bar = try #require(picture.root.element(id: "bar-s\(install.index)-c\(cpu)"))
            #expect(bar.inherited("fill") != failureColour, "cpu \(cpu) did not fail")
            #expect(bar.title?.contains("FAILED") == false)
        }
        let mark = try #require(picture.root.element(id: "fail-s\(install.index)-c1"))
        #expect(mark.title?.contains(status) == true)

        let mainColours = Set(
            picture.report.steps.filter { $0.phase == .main }.compactMap {
                picture.root.element(id: "step-\($0.index)")?.attributes["fill"]
            })
        let recovery = picture.report.steps.filter { $0.phase == .recovery }
        #expect(recovery.map(\.name) == ["recover-install", "recover-init", "recover-restore"])
        for step in recovery {
            let group = try #require(picture.root.element(id: "step-\(step.index)"))
            let colour = try #require(group.attributes["fill"])
            #expect(!mainColours.contains(colour) && colour != failureColour, "\(step.name) has its own colour")
            #expect(group.attributes["stroke-dasharray"] != nil, "\(step.name) is outlined")
            let bar = try #require(group.children.first { $0.name == "rect" })
            #expect(bar.title?.contains("(recovery, ") == true)
        }
        let texts = picture.root.descendants.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("recovered"))
        #expect(texts.contains { $0.hasPrefix("failed: install on cpu 1: \(status)") })
        #expect(texts.contains("failed (status in tooltip)"))
        #expect(texts.contains("recover-install (recovery, serial)"))
    }

    @Test("a fatal failure: the heading says so and the TDs' failed calls are in the failure colour")
    func fatalFailure() throws {
        let picture = try UpdatePicture.make(cpus: 2, tds: 2, faults: [StepFault(step: .`init`, cpu: 1)])
        #expect(picture.attempt.outcome == .failedFatal)
        let texts = picture.root.descendants.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("failed_fatal"))
        #expect(texts.contains { $0.contains("1.5.06 → no module") })
        let initStep = try #require(picture.report.steps.first { $0.name == "init" })
        let failureColour = try #require(
            picture.root.element(id: "bar-s\(initStep.index)-c1")?.attributes["fill"])
        let (offset, scale) = try picture.axis()
        let closed = try #require(picture.report.gateClosedNs)
        let axisLine = try #require(picture.root.element(id: "axis-line"))
        let plot = try #require(axisLine.number("x1"))...(try #require(axisLine.number("x2")))
        for lane in picture.timeline.tds {
            #expect(!lane.failedCalls.isEmpty, "td \(lane.td) recorded its failed calls")
            let group = try #require(picture.root.element(id: "td-\(lane.td)"))
            #expect(group.title?.contains("\(lane.failedCalls.count) failed (") == true, "\(group.title ?? "")")
            #expect(group.title?.contains("no successful call after the stop") == true)
            #expect(group.children.contains { $0.name == "text" && $0.text == "no successful call after the stop" })
            let red = group.children.filter { $0.name == "g" && $0.attributes["fill"] == failureColour }
                .flatMap(\.children).compactMap { rect -> ClosedRange<Double>? in
                    guard let x = rect.number("x"), let width = rect.number("width") else { return nil }
                    return x...(x + width)
                }
            let inView = lane.failedCalls.map { offset + Double(Int64(bitPattern: $0 &- closed)) * scale }
                .filter { plot.contains($0) }
            let undrawn = inView.filter { call in
                !red.contains { $0.lowerBound - 0.01 <= call && call <= $0.upperBound + 0.01 }
            }
            #expect(undrawn.isEmpty, "td \(lane.td): failed calls at x \(undrawn.prefix(5)) are not drawn in red")
        }
    }

    @Test("each TD's recorded calls stop while the steps run, and its lane draws every call in view")
    func tdLanesShowTheGap() throws {
        let picture = try UpdatePicture.make(cpus: 4, tds: 3)
        let (offset, scale) = try picture.axis()
        let closed = try #require(picture.report.gateClosedNs)
        let drainedNs = closed + (picture.report.drainNs ?? 0)
        let reopenedNs = closed + (picture.report.stoppedNs ?? 0)
        func x(_ ns: UInt64) -> Double { offset + Double(Int64(bitPattern: ns &- closed)) * scale }
        let axisLine = try #require(picture.root.element(id: "axis-line"))
        let plot = try #require(axisLine.number("x1"))...(try #require(axisLine.number("x2")))
        for lane in picture.timeline.tds {
            // The ring's times are read inside the gate: none between the drain and the end
            // of the procedure, and calls on both sides of the stop.
            let during = lane.calls.filter { $0 > drainedNs && $0 < picture.report.endNs }
            #expect(during.isEmpty, "td \(lane.td) returned calls while the steps ran: \(during)")
            #expect(lane.calls.contains { $0 <= drainedNs }, "td \(lane.td) has calls before the stop")
            #expect(lane.calls.contains { $0 >= reopenedNs }, "td \(lane.td) has calls after the stop")

            let group = try #require(picture.root.element(id: "td-\(lane.td)"))
            let runs = group.children.filter { $0.name == "g" }.flatMap(\.children).filter { $0.name == "rect" }
                .compactMap { rect -> ClosedRange<Double>? in
                    guard let x = rect.number("x"), let width = rect.number("width") else { return nil }
                    return x...(x + width)
                }
            let inView = lane.calls.map(x).filter { plot.contains($0) }
            let undrawn = inView.filter { call in
                !runs.contains { $0.lowerBound - 0.01 <= call && call <= $0.upperBound + 0.01 }
            }
            #expect(undrawn.isEmpty, "td \(lane.td): calls at x \(undrawn.prefix(5)) are not drawn")
            let (from, to) = (x(drainedNs) + 1.5, x(picture.report.endNs) - 1.5)
            if from < to {
                #expect(!runs.contains { $0.overlaps(from...to) }, "td \(lane.td) draws calls while the steps ran")
            }
            #expect(group.title?.contains("gap across the stop") == true)
        }
    }

    @Test(
        "2, 64 and 256 CPUs: lanes and labels thin out, no two labels touch, under 2 MB",
        arguments: [2, 64, 256])
    func readable(cpus: Int) throws {
        let picture = try UpdatePicture.make(cpus: cpus, tds: cpus >= 64 ? 8 : 2)
        let width = try #require(picture.root.number("width"))
        let boxes = picture.root.descendants.compactMap(TextBox.init)
        var overlapping: [String] = []
        for first in boxes.indices {
            for second in boxes.indices where second > first && boxes[first].overlaps(boxes[second]) {
                overlapping.append("\(boxes[first]) and \(boxes[second])")
            }
        }
        #expect(overlapping.isEmpty, "\(overlapping.prefix(5))")
        let outside = boxes.filter { $0.left < 0 || $0.right > width }
        #expect(outside.isEmpty, "\(outside.prefix(5))")
        let cpuLabels = boxes.filter { $0.text.hasPrefix("cpu ") && $0.right < 80 }
        if cpus <= 8 {
            #expect(cpuLabels.count == cpus)
        } else {
            #expect(cpuLabels.count <= cpus / 2, "labels thin out")
            #expect(cpuLabels.count >= 8)
        }
        let bars = picture.root.descendants.filter { $0.attributes["id"]?.hasPrefix("bar-") == true }
        #expect(bars.count == picture.report.steps.map(\.cpus.count).reduce(0, +))
        #expect(picture.svg.utf8.count < 2_000_000)
        #expect((picture.root.number("height") ?? .infinity) < 1_400, "fits a screen")
    }

    @Test("names with XML's special characters are escaped and read back intact")
    func escaping() throws {
        let name = #"<step> & "quoted" 'x'"#
        let timeline = Timeline(
            versionBefore: "1<2", outcome: .init(name: "a&b", severity: .warning), cpus: [0, 1],
            steps: [
                TimelineStep(
                    name: name, scope: .concurrent,
                    spans: [
                        .init(cpu: 0, startNs: 1_000, endNs: 5_000, failure: .init(status: "S&P<1>")),
                        .init(cpu: 1, startNs: 1_200, endNs: 4_000),
                    ])
            ],
            stop: StopInterval(closedNs: 500, drainedNs: 800, reopenedNs: 6_000),
            tds: [TDLane(td: 0, calls: [100, 200, 7_000])], notes: ["note <with> & marks"])
        let root = try SVGTree.parse(TimelineSVG.render(timeline))
        let texts = root.descendants.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("a&b"))
        #expect(texts.contains("note <with> & marks"))
        #expect(texts.contains { $0.hasPrefix("failed: \(name) on cpu 0: S&P<1>") })
        let bar = try #require(root.element(id: "bar-s0-c0"))
        #expect(bar.title?.contains(name) == true)
        #expect(bar.title?.contains("S&P<1>") == true)
    }

    @Test("a picture with no step (a refused update) still draws, saying nothing ran")
    func nothingRan() throws {
        let timeline = Timeline(
            outcome: .init(name: "failed_harmless", severity: .warning), cpus: [0, 1], steps: [],
            notes: ["refused before anything stopped (module-older): the image is older"])
        let root = try SVGTree.parse(TimelineSVG.render(timeline))
        let texts = root.descendants.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains { $0.hasPrefix("nothing ran") })
        #expect(texts.contains { $0.hasPrefix("refused before anything stopped") })
        #expect(root.element(id: "axis") == nil)
    }
}
