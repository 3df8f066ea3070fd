extension TimelineDrawing {
    /// The bottom of the last lane, CPU or TD.
    var lanesBottom: Double { tdLanes?.bottom ?? cpuLanes.bottom }

    /// Lane stripes, the vertical grid at the axis ticks, and the CPU labels.
    mutating func drawCPULanes(_ scale: TimeScale) {
        drawStripes(cpuLanes)
        document.open(attributes: [("stroke", Palette.grid), ("stroke-width", "0.6")])
        for tick in scale.ticks(fontSize: Self.axisSize) {
            document.line(x1: tick.x, y1: cpuLanes.top, x2: tick.x, y2: lanesBottom)
        }
        document.close()
        drawLaneLabels()
    }

    /// Alternate shading, one stripe per lane when lanes are tall enough to see, else one
    /// per group of lanes between two labels.
    mutating func drawStripes(_ grid: LaneGrid) {
        let group = grid.laneHeight >= 6 ? 1 : grid.labelEvery
        document.open(attributes: [("fill", Palette.laneStripe)])
        var index = 0
        while index < grid.count {
            let lanes = min(group, grid.count - index)
            document.rect(x: left, y: grid.laneTop(index), width: right - left, height: grid.laneHeight * Double(lanes))
            index += 2 * group
        }
        document.close()
    }

    /// "cpu N" on every labelled lane, with a short tick pointing at the lane.
    mutating func drawLaneLabels() {
        drawLabels(cpuLanes, names: cpuOrder.map { "cpu \($0)" })
    }

    mutating func drawLabels(_ grid: LaneGrid, names: [String]) {
        document.open(attributes: [("fill", Palette.text)])
        for (index, name) in names.enumerated() where grid.isLabelled(index) {
            document.label(name, x: left - 7, y: grid.labelBaseline(index), size: grid.labelSize, anchor: .end)
        }
        document.close()
        if grid.labelEvery > 1 {
            document.open(attributes: [("stroke", Palette.mutedText), ("stroke-width", "0.8")])
            for index in names.indices where grid.isLabelled(index) {
                document.line(x1: left - 4, y1: grid.center(index), x2: left, y2: grid.center(index))
            }
            document.close()
        }
    }

    /// A level line with end ticks just above the CPU lanes, from when the procedure was
    /// published to when the last CPU was seen done: the time before the first bar is the
    /// CPUs waking up, the time after the last is the coordinator noticing.
    mutating func drawProcedure(_ scale: TimeScale) {
        guard let procedure = timeline.procedure else { return }
        let from = scale.x(procedure.lowerBound)
        let to = max(scale.x(procedure.upperBound), from + TimelineSVG.minimumBarWidth)
        let y = cpuLanes.top - 3
        let firstStart = timeline.steps.flatMap(\.spans).map(\.startNs).min()
        let lastEnd = timeline.steps.flatMap(\.spans).map(\.endNs).max()
        var title =
            "procedure: published to the CPUs at \(scale.relative(procedure.lowerBound)), every CPU seen done at "
            + "\(scale.relative(procedure.upperBound)): \(DurationText.format(procedure.upperBound - procedure.lowerBound))"
        if let firstStart, let lastEnd, firstStart >= procedure.lowerBound, procedure.upperBound >= lastEnd {
            title +=
                "; waking the CPUs took \(DurationText.format(firstStart - procedure.lowerBound)), "
                + "noticing the end \(DurationText.format(procedure.upperBound - lastEnd))"
        }
        let d =
            "M\(SVGDocument.number(from)) \(SVGDocument.number(y - 2))v4m0 -2H\(SVGDocument.number(to))"
            + "m0 -2v4"
        document.open(
            "path",
            attributes: [
                ("id", "procedure"), ("d", d), ("fill", "none"), ("stroke", Palette.text), ("stroke-width", "1"),
            ])
        document.element("title", text: title)
        document.close("path")
    }

    /// The blackout band (gate closed to reopened) across every lane, the drain inside it,
    /// and their labels above the lanes.
    mutating func drawStop(_ scale: TimeScale) {
        guard let stop = timeline.stop else { return }
        let closed = scale.x(stop.closedNs)
        let drained = scale.x(stop.drainedNs)
        let reopened = scale.x(stop.reopenedNs)
        let top = cpuLanes.top - 2
        let height = lanesBottom + 2 - top
        document.rect(
            x: closed, y: top, width: max(reopened - closed, TimelineSVG.minimumBarWidth), height: height,
            attributes: [("id", "blackout"), ("fill", Palette.blackout), ("fill-opacity", "0.3")],
            title: "TD blackout: gate closed at \(scale.relative(stop.closedNs)), reopened at "
                + "\(scale.relative(stop.reopenedNs)): \(DurationText.format(stop.blackoutNs)); "
                + "no TD SEAMCALL runs in between")
        document.rect(
            x: closed, y: top, width: max(drained - closed, TimelineSVG.minimumBarWidth), height: height,
            attributes: [("id", "drain"), ("fill", Palette.drain), ("fill-opacity", "0.45")],
            title: "drain: waiting for TD SEAMCALLs in flight to leave the gate, "
                + "\(DurationText.format(stop.drainNs))")

        let size = Self.legendSize
        let blackoutText = "blackout \(DurationText.format(stop.blackoutNs))"
        let blackoutWidth = TextMetrics.width(blackoutText, size: size)
        let blackoutX = min(closed + 2, right - blackoutWidth)
        document.label(
            blackoutText, x: blackoutX, y: bandRowBaseline, size: size,
            attributes: [("fill", Palette.text), ("font-weight", "bold")])
        let drainText = "drain \(DurationText.format(stop.drainNs))"
        let drainEnd = closed - 4
        if drainEnd - TextMetrics.width(drainText, size: size) >= 2, drainEnd + 4 <= blackoutX {
            document.label(
                drainText, x: drainEnd, y: bandRowBaseline, size: size, anchor: .end,
                attributes: [("fill", Palette.drain)])
        }
    }
}
