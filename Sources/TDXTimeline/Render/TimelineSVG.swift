/// Draws a `Timeline` as one self-contained SVG document: no script, no external font,
/// image, style sheet or link, so it opens in any browser and can be attached to a bug
/// report as it is. Every bar, band and TD lane carries a `<title>` tooltip with its
/// numbers.
///
/// The layout (docs/TIMELINE.md): a heading with versions, outcome, CPUs and blackout; a
/// legend; one lane per CPU with each step's span as a bar; the blackout band (gate closed
/// to reopened) with the drain across every lane; one lane per TD with its SEAMCALLs; a
/// time axis from the gate closing. Lanes get thinner and lane labels sparser as CPUs are
/// added, so 2, 64 and 256 CPUs all fit without a label touching another.
public enum TimelineSVG {
    /// The SVG text of `timeline`, `width` px wide (the height follows from the lanes).
    public static func render(_ timeline: Timeline, width: Double = 1200) -> String {
        var drawing = TimelineDrawing(timeline: timeline, width: max(width, 480))
        return drawing.draw()
    }

    /// The narrowest a bar is drawn (px), so that a span far shorter than a pixel at the
    /// axis's scale still shows; wider spans are drawn at exactly their scaled length.
    public static let minimumBarWidth = 1.0
}

/// One rendering: the layout, fixed before anything is written (the document's height
/// depends on it), and the document being written.
struct TimelineDrawing {
    let timeline: Timeline
    let width: Double
    let left = 76.0
    let right: Double
    let heading: [HeadingLine]
    let legend: [LegendItem]
    let legendRows: Int
    let bandRowBaseline: Double
    let stepRowBaseline: Double
    let cpuLanes: LaneGrid
    let cpuOrder: [Int]
    let laneOfCPU: [Int: Int]
    let tdLanes: LaneGrid?
    let axisTop: Double
    let height: Double
    let scale: TimeScale?
    let stepColours: [String]
    var document: SVGDocument

    static let headingSize = 12.0
    static let titleSize = 16.0
    static let legendSize = 11.0
    static let laneLabelSize = 10.0
    static let axisSize = 10.0

    init(timeline: Timeline, width: Double) {
        self.timeline = timeline
        self.width = width
        right = width - 16
        stepColours = Self.colours(for: timeline.steps)
        heading = Self.headingLines(timeline, width: width - 16)

        var order = timeline.cpus
        let known = Set(order)
        order += Set(timeline.steps.flatMap { $0.spans.map(\.cpu) }).subtracting(known).sorted()
        cpuOrder = order
        laneOfCPU = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

        var y = 26 + 20 * Double(heading.count - 1) + 10
        let legendItems = Self.legendItems(timeline, colours: stepColours)
        let placed = LegendItem.place(legendItems, left: 16, right: right, firstBaseline: y + 12, rowHeight: 16)
        legend = placed.items
        legendRows = placed.rows
        y += Double(placed.rows) * 16 + 6
        bandRowBaseline = y + 12
        y += 16
        stepRowBaseline = y + 12
        y += 18
        cpuLanes = LaneGrid(
            top: y, count: order.count, budget: 512, minimum: 2, maximum: 20, labelSize: Self.laneLabelSize)
        y = cpuLanes.bottom + 12
        if timeline.tds.isEmpty {
            tdLanes = nil
        } else {
            let grid = LaneGrid(
                top: y, count: timeline.tds.count, budget: 192, minimum: 2, maximum: 16,
                labelSize: Self.laneLabelSize)
            tdLanes = grid
            y = grid.bottom + 6
        }
        axisTop = y
        height = (y + 44).rounded(.up)
        let (plotLeft, plotRight) = (left, right)
        scale = timeline.eventRange.map { TimeScale(timeline: timeline, range: $0, left: plotLeft, right: plotRight) }
        document = SVGDocument(
            width: width, height: height, title: heading.first?.text ?? timeline.title,
            description: heading.dropFirst().map(\.text).joined(separator: "\n"))
    }

    mutating func draw() -> String {
        drawHeading()
        drawLegend()
        if let scale {
            drawCPULanes(scale)
            drawStop(scale)
            drawProcedure(scale)
            drawSteps(scale)
            drawTDLanes(scale)
            drawAxis(scale)
        } else {
            drawLaneLabels()
            document.label(
                "nothing ran: no step, no stop", x: left, y: stepRowBaseline, size: Self.headingSize,
                attributes: [("fill", Palette.mutedText)])
        }
        return document.finish()
    }

    /// One colour per step, by phase and order of first appearance (a step that runs twice
    /// keeps its colour).
    static func colours(for steps: [TimelineStep]) -> [String] {
        var assigned: [String: String] = [:]
        var mainCount = 0
        var recoveryCount = 0
        return steps.map { step in
            let key = step.phase.rawValue + "/" + step.name
            if let colour = assigned[key] { return colour }
            let colour: String
            switch step.phase {
            case .main:
                colour = Palette.mainSteps[mainCount % Palette.mainSteps.count]
                mainCount += 1
            case .recovery:
                colour = Palette.recoverySteps[recoveryCount % Palette.recoverySteps.count]
                recoveryCount += 1
            }
            assigned[key] = colour
            return colour
        }
    }
}
