extension TimelineDrawing {
    /// One lane per TD: its SEAMCALLs as ticks (merged where dense), failed calls in red,
    /// and its gap across the stop with the gap's length when the lane has room.
    mutating func drawTDLanes(_ scale: TimeScale) {
        guard let grid = tdLanes else { return }
        drawStripes(grid)
        drawLabels(grid, names: timeline.tds.map { "td \($0.td)" })
        for (index, td) in timeline.tds.enumerated() {
            document.open(attributes: [("id", "td-\(td.td)")])
            document.element("title", text: tdTitle(td, scale))
            drawCalls(td.calls, lane: index, grid: grid, colour: Palette.tdCalls, opacity: 1, scale)
            drawCalls(td.failedCalls, lane: index, grid: grid, colour: Palette.failure, opacity: 0.7, scale)
            if let stop = timeline.stop {
                if let gap = td.gap(around: stop) {
                    drawGap(gap, lane: index, grid: grid, scale)
                } else {
                    drawNoReturn(after: stop, lane: index, grid: grid, scale)
                }
            }
            document.close()
        }
    }

    private mutating func drawCalls(
        _ calls: [UInt64], lane: Int, grid: LaneGrid, colour: String, opacity: Double, _ scale: TimeScale
    ) {
        let runs = CallRuns.runs(calls, scale)
        guard !runs.isEmpty else { return }
        var attributes = [("fill", colour)]
        if opacity < 1 { attributes.append(("fill-opacity", SVGDocument.number(opacity))) }
        document.open(attributes: attributes)
        for run in runs {
            document.rect(
                x: run.from - 0.5, y: grid.barTop(lane), width: run.to - run.from + 1, height: grid.barHeight)
        }
        document.close()
    }

    /// A thin line across the gap and, when it fits inside the gap and the lane, its length.
    private mutating func drawGap(_ gap: ClosedRange<UInt64>, lane: Int, grid: LaneGrid, _ scale: TimeScale) {
        let from = max(scale.x(gap.lowerBound), scale.left)
        let to = min(scale.x(gap.upperBound), scale.right)
        guard to > from else { return }
        let y = grid.center(lane)
        document.line(
            x1: from, y1: y, x2: to, y2: y,
            attributes: [("stroke", Palette.tdCalls), ("stroke-width", "0.8"), ("stroke-dasharray", "3 2")])
        let size = min(Self.laneLabelSize, grid.laneHeight - 2)
        guard size >= 7 else { return }
        let text = "gap \(DurationText.format(gap.upperBound - gap.lowerBound))"
        let width = TextMetrics.width(text, size: size)
        guard to - from >= width + 8 else { return }
        let x = (from + to) / 2
        document.rect(
            x: x - width / 2 - 2, y: grid.laneTop(lane) + 1, width: width + 4, height: grid.laneHeight - 2,
            attributes: [("fill", "#ffffff"), ("fill-opacity", "0.85")])
        document.label(
            text, x: x, y: y + size * 0.35, size: size, anchor: .middle, attributes: [("fill", Palette.text)])
    }

    /// "no successful call after the stop" right of the reopening (or ending at the plot's
    /// right edge), when the lane is tall enough:
    /// the TD never ran again in what was recorded (its module is gone).
    private mutating func drawNoReturn(after stop: StopInterval, lane: Int, grid: LaneGrid, _ scale: TimeScale) {
        let size = min(Self.laneLabelSize, grid.laneHeight - 2)
        guard size >= 7 else { return }
        let text = "no successful call after the stop"
        let width = TextMetrics.width(text, size: size)
        let x = min(max(scale.x(stop.reopenedNs), left) + 4, right - width - 2)
        guard x >= left + 2 else { return }
        document.rect(
            x: x - 2, y: grid.laneTop(lane) + 1, width: width + 4, height: grid.laneHeight - 2,
            attributes: [("fill", "#ffffff"), ("fill-opacity", "0.85")])
        document.label(
            text, x: x, y: grid.center(lane) + size * 0.35, size: size, attributes: [("fill", Palette.failure)])
    }

    private func tdTitle(_ td: TDLane, _ scale: TimeScale) -> String {
        let shown = td.calls.filter { (scale.left...scale.right).contains(scale.x($0)) }.count
        var title = "td \(td.td): \(shown) successful SEAMCALLs in view"
        if !td.failedCalls.isEmpty {
            title += ", \(td.failedCalls.count) failed" + (td.failureStatus.map { " (\($0))" } ?? "")
        }
        if let stop = timeline.stop {
            if let gap = td.gap(around: stop) {
                title +=
                    "; gap across the stop \(DurationText.format(gap.upperBound - gap.lowerBound)) "
                    + "(\(scale.relative(gap.lowerBound)) → \(scale.relative(gap.upperBound)))"
            } else {
                title += "; no successful call after the stop"
            }
        }
        return title
    }
}
