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
