extension TimelineDrawing {
    /// Every step's bars (one per CPU that ran it), the serial hand-off order, failure
    /// marks, and the step names above the lanes.
    mutating func drawSteps(_ scale: TimeScale) {
        // The hand-off lines go under the bars: on thin lanes a line would hide a bar.
        for (index, step) in timeline.steps.enumerated() where step.scope == .serial && step.spans.count > 1 {
            drawHandOff(of: step, index: index, scale)
        }
        for (index, step) in timeline.steps.enumerated() {
            drawBars(of: step, index: index, colour: stepColours[index], scale)
        }
        for (index, step) in timeline.steps.enumerated() where step.failed {
            drawFailureMarks(of: step, index: index, scale)
        }
        drawStepNames(scale)
    }

    /// The span of `span` as drawn: its scaled start and length, at least
    /// `TimelineSVG.minimumBarWidth` long.
    func bar(_ span: TimelineStep.Span, _ scale: TimeScale) -> (x: Double, width: Double) {
        let x = scale.x(span.startNs)
        return (x, max(scale.x(span.endNs) - x, TimelineSVG.minimumBarWidth))
    }

    private mutating func drawBars(of step: TimelineStep, index: Int, colour: String, _ scale: TimeScale) {
        var group = [("id", "step-\(index)"), ("fill", colour)]
        if step.didNothing { group.append(("fill-opacity", "0.3")) }
        if step.phase == .recovery, cpuLanes.barHeight >= 5 {
            group += [("stroke", Palette.text), ("stroke-width", "0.6"), ("stroke-dasharray", "2 1.5")]
        }
        document.open(attributes: group)
        for (turn, span) in step.spans.enumerated() {
            guard let lane = laneOfCPU[span.cpu] else { continue }
            let (x, width) = bar(span, scale)
            var attributes = [("id", "bar-s\(index)-c\(span.cpu)")]
            if span.failure != nil { attributes.append(("fill", Palette.failure)) }
            document.rect(
                x: x, y: cpuLanes.barTop(lane), width: width, height: cpuLanes.barHeight, attributes: attributes,
                title: spanTitle(step, span, turn: turn, scale))
        }
        document.close()
    }

    private func spanTitle(_ step: TimelineStep, _ span: TimelineStep.Span, turn: Int, _ scale: TimeScale) -> String {
        var scope = step.scope.rawValue
        if step.scope == .serial { scope += ", turn \(turn + 1) of \(step.spans.count)" }
        if step.phase == .recovery { scope = "recovery, " + scope }
        var title =
            "cpu \(span.cpu) · \(step.name) (\(scope)): \(scale.relative(span.startNs)) → "
            + "\(scale.relative(span.endNs)), \(DurationText.format(span.endNs - span.startNs))"
        if step.didNothing { title += "; did nothing" }
        if let failure = span.failure {
            title += "\nFAILED: \(failure.status)" + (failure.detail.map { " (\($0))" } ?? "")
        }
        return title
    }

    /// A line from each CPU's end of a serial step to the next CPU's start: the turn
    /// passing down the lanes.
    private mutating func drawHandOff(of step: TimelineStep, index: Int, _ scale: TimeScale) {
        var path = ""
        var previous: (x: Double, y: Double)?
        for span in step.spans {
            guard let lane = laneOfCPU[span.cpu] else { continue }
            let (x, width) = bar(span, scale)
            let y = cpuLanes.center(lane)
            if let previous {
                path += "M\(SVGDocument.number(previous.x)) \(SVGDocument.number(previous.y))"
                path += "L\(SVGDocument.number(x)) \(SVGDocument.number(y))"
            }
            previous = (x + width, y)
        }
        let cpus = step.spans.map { "cpu \($0.cpu)" }
        let order =
            cpus.count <= 8
            ? cpus.joined(separator: " → ")
            : (cpus.prefix(4) + ["…"] + cpus.suffix(2)).joined(separator: " → ")
        document.open(
            "path",
            attributes: [
                ("id", "handoff-\(index)"), ("d", path), ("fill", "none"), ("stroke", Palette.text),
                ("stroke-width", "0.8"), ("stroke-opacity", "0.75"),
            ])
        document.element("title", text: "\(step.name) hand-off order: \(order)")
        document.close("path")
    }

    /// A red dot at the end of each failed bar, so a failure shows even on a thin lane.
    private mutating func drawFailureMarks(of step: TimelineStep, index: Int, _ scale: TimeScale) {
        let radius = min(4, max(2.5, cpuLanes.laneHeight / 2))
        document.open(attributes: [("fill", Palette.failure), ("stroke", "#ffffff"), ("stroke-width", "0.8")])
        for span in step.spans {
            guard let failure = span.failure, let lane = laneOfCPU[span.cpu] else { continue }
            let (x, width) = bar(span, scale)
            document.open(
                "circle",
                attributes: [
                    ("id", "fail-s\(index)-c\(span.cpu)"), ("cx", SVGDocument.number(x + width)),
                    ("cy", SVGDocument.number(cpuLanes.center(lane))), ("r", SVGDocument.number(radius)),
                ])
            let detail = failure.detail.map { " (\($0))" } ?? ""
            document.element("title", text: "cpu \(span.cpu) · \(step.name) FAILED: \(failure.status)\(detail)")
            document.close("circle")
        }
        document.close()
    }

    /// Each step's name above the lanes at its first start, with a coloured mark down to
    /// the lanes; a name that would touch the previous one (or run off the plot) is left
    /// out, the legend and the tooltips still name the step.
    private mutating func drawStepNames(_ scale: TimeScale) {
        var nextFree = left
        for (index, step) in timeline.steps.enumerated() {
            guard let start = step.spans.map(\.startNs).min() else { continue }
            let x = scale.x(start)
            document.line(
                x1: x, y1: stepRowBaseline + 3, x2: x, y2: cpuLanes.top,
                attributes: [("stroke", stepColours[index]), ("stroke-width", "2")])
            let name = step.phase == .recovery ? "\(step.name) (recovery)" : step.name
            let width = TextMetrics.width(name, size: Self.legendSize)
            guard x >= nextFree, x + width <= right else { continue }
            document.label(
                name, x: x, y: stepRowBaseline, size: Self.legendSize,
                attributes: [("fill", step.failed ? Palette.failure : Palette.text)])
            nextFree = x + width + 6
        }
    }
}
