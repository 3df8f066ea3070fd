extension TimelineDrawing {
    /// The time axis under the lanes: ticks with labels in ns, µs or ms, and what time 0 is.
    mutating func drawAxis(_ scale: TimeScale) {
        document.line(
            x1: left, y1: axisTop, x2: right, y2: axisTop,
            attributes: [("id", "axis-line"), ("stroke", Palette.text), ("stroke-width", "1")])
        let ticks = scale.ticks(fontSize: Self.axisSize)
        document.open(attributes: [("stroke", Palette.text), ("stroke-width", "1")])
        for tick in ticks { document.line(x1: tick.x, y1: axisTop, x2: tick.x, y2: axisTop + 5) }
        document.close()
        document.open(attributes: [("id", "axis"), ("fill", Palette.text)])
        for tick in ticks {
            let half = TextMetrics.width(tick.label, size: Self.axisSize) / 2
            guard tick.x - half >= 2, tick.x + half <= width - 2 else { continue }
            document.label(tick.label, x: tick.x, y: axisTop + 17, size: Self.axisSize, anchor: .middle)
        }
        document.close()
        let origin = timeline.stop == nil ? "the first step" : "the gate closed"
        document.label(
            TextMetrics.truncated(
                "time since \(origin); hover a bar, band or TD lane for its numbers", size: Self.axisSize,
                width: right - left),
            x: left, y: axisTop + 33, size: Self.axisSize, attributes: [("fill", Palette.mutedText)])
    }
}
