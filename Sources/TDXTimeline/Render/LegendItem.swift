/// One entry of the legend: a swatch and its words, placed in rows that wrap at the
/// picture's right edge.
struct LegendItem {
    enum Swatch {
        /// A filled square (a step, a failure, the TDs' calls).
        case fill(String, opacity: Double = 1)
        /// A short slanted line (the serial hand-off).
        case line(String)
        /// A short level line with end ticks (the procedure).
        case span(String)
    }

    let swatch: Swatch
    let text: String
    var x = 0.0
    var baseline = 0.0

    static let swatchSize = 10.0
    static let spacing = 16.0

    var width: Double {
        Self.swatchSize + 4 + TextMetrics.width(text, size: TimelineDrawing.legendSize)
    }

    /// `items` laid out left to right from `left`, wrapping before `right`.
    static func place(
        _ items: [LegendItem], left: Double, right: Double, firstBaseline: Double, rowHeight: Double
    ) -> (items: [LegendItem], rows: Int) {
        var placed: [LegendItem] = []
        var x = left
        var row = 0
        for var item in items {
            if x > left, x + item.width > right {
                row += 1
                x = left
            }
            item.x = x
            item.baseline = firstBaseline + Double(row) * rowHeight
            placed.append(item)
            x += item.width + spacing
        }
        return (placed, items.isEmpty ? 0 : row + 1)
    }
}

extension TimelineDrawing {
    /// Every step (in order of first appearance), then what the other marks mean; a mark
    /// that cannot appear in this picture is left out.
    static func legendItems(_ timeline: Timeline, colours: [String]) -> [LegendItem] {
        var items: [LegendItem] = []
        var seen = Set<String>()
        for (step, colour) in zip(timeline.steps, colours) where seen.insert(step.phase.rawValue + step.name).inserted {
            let phase = step.phase == .recovery ? "recovery, " : ""
            items.append(LegendItem(swatch: .fill(colour), text: "\(step.name) (\(phase)\(step.scope.rawValue))"))
        }
        if timeline.steps.contains(where: \.failed) {
            items.append(LegendItem(swatch: .fill(Palette.failure), text: "failed (status in tooltip)"))
        }
        if timeline.steps.contains(where: \.didNothing) {
            items.append(LegendItem(swatch: .fill(Palette.recoverySteps[0], opacity: 0.3), text: "ran, did nothing"))
        }
        if timeline.steps.contains(where: { $0.scope == .serial && $0.spans.count > 1 }) {
            items.append(LegendItem(swatch: .line(Palette.text), text: "serial hand-off"))
        }
        if timeline.procedure != nil {
            items.append(LegendItem(swatch: .span(Palette.text), text: "procedure (published → done)"))
        }
        if timeline.stop != nil {
            items.append(LegendItem(swatch: .fill(Palette.blackout, opacity: 0.3), text: "TD blackout"))
            items.append(LegendItem(swatch: .fill(Palette.drain, opacity: 0.45), text: "drain"))
        }
        if !timeline.tds.isEmpty {
            items.append(LegendItem(swatch: .fill(Palette.tdCalls), text: "TD SEAMCALLs"))
        }
        if timeline.tds.contains(where: { !$0.failedCalls.isEmpty }) {
            items.append(LegendItem(swatch: .fill(Palette.failure, opacity: 0.7), text: "TD SEAMCALL failed"))
        }
        return items
    }

    mutating func drawLegend() {
        for item in legend {
            let top = item.baseline - LegendItem.swatchSize + 1
            switch item.swatch {
            case .fill(let colour, let opacity):
                var attributes = [("fill", colour)]
                if opacity < 1 { attributes.append(("fill-opacity", SVGDocument.number(opacity))) }
                document.rect(
                    x: item.x, y: top, width: LegendItem.swatchSize, height: LegendItem.swatchSize,
                    attributes: attributes)
            case .line(let colour):
                document.line(
                    x1: item.x, y1: top + LegendItem.swatchSize, x2: item.x + LegendItem.swatchSize, y2: top,
                    attributes: [("stroke", colour), ("stroke-width", "1.2")])
            case .span(let colour):
                let y = top + LegendItem.swatchSize / 2
                let end = item.x + LegendItem.swatchSize
                document.open(
                    "path",
                    attributes: [
                        (
                            "d",
                            "M\(SVGDocument.number(item.x)) \(SVGDocument.number(y - 3))v6m0 -3H\(SVGDocument.number(end))m0 -3v6"
                        ),
                        ("fill", "none"), ("stroke", colour), ("stroke-width", "1"),
                    ])
                document.close("path")
            }
            document.label(
                item.text, x: item.x + LegendItem.swatchSize + 4, y: item.baseline, size: Self.legendSize,
                attributes: [("fill", Palette.text)])
        }
    }
}
