/// The horizontal axis: which instants the plot shows and where each lands in pixels.
///
/// Time 0 is the gate closing (or the first step when nothing was stopped); the window
/// reaches a tenth of the update's length before and after it, so the TD lanes show
/// calls on both sides of their gap.
struct TimeScale {
    /// Time 0 (monotonic ns).
    let originNs: UInt64
    /// The first and last instant shown, relative to the origin (ns).
    let startNs: Double
    let endNs: Double
    /// The plot's left and right edge (px).
    let left: Double
    let right: Double

    init(timeline: Timeline, range: ClosedRange<UInt64>, left: Double, right: Double) {
        originNs = timeline.stop?.closedNs ?? range.lowerBound
        let low = Double(Int64(bitPattern: range.lowerBound &- originNs))
        let high = Double(Int64(bitPattern: range.upperBound &- originNs))
        let padding = max((high - low) * 0.1, 500)
        startNs = low - padding
        endNs = high + padding
        self.left = left
        self.right = right
    }

    /// Pixels per nanosecond.
    var scale: Double { (right - left) / (endNs - startNs) }

    /// The x of a monotonic instant.
    func x(_ ns: UInt64) -> Double { x(relative: Double(Int64(bitPattern: ns &- originNs))) }

    /// The x of an instant relative to the origin.
    func x(relative ns: Double) -> Double { left + (ns - startNs) * scale }

    /// An instant relative to the origin, as the axis labels it ("12.5 µs").
    func relative(_ ns: UInt64) -> String { DurationText.format(Double(Int64(bitPattern: ns &- originNs))) }

    /// The axis ticks: round instants whose labels, at `fontSize`, stay at least
    /// `minimumGap` px apart.
    func ticks(fontSize: Double, minimumGap: Double = 12) -> [Tick] {
        let span = endNs - startNs
        var candidates: [Double] = []
        var decade = 1.0
        while decade <= span * 10 {
            candidates += [decade, decade * 2, decade * 5]
            decade *= 10
        }
        // No label is narrower than 10 px: steps that would need more ticks than that are
        // never tried (and never built).
        let mostTicks = (right - left) / 10
        for step in candidates where span / step <= mostTicks {
            let unit = Tick.Unit(step: step)
            let decimals = unit.decimals(for: step)
            let first = (startNs / step).rounded(.up)
            let last = (endNs / step).rounded(.down)
            guard last >= first else { continue }
            let ticks = stride(from: first, through: last, by: 1).map { index -> Tick in
                let ns = index * step
                return Tick(
                    ns: ns, x: x(relative: ns),
                    label: DurationText.fixed(ns / unit.nanoseconds, decimals: decimals) + " " + unit.symbol)
            }
            let widest = ticks.map { TextMetrics.width($0.label, size: fontSize) }.max() ?? 0
            if step * scale >= widest + minimumGap { return ticks }
        }
        return []
    }

    /// One labelled instant on the axis.
    struct Tick {
        /// Relative to the origin (ns).
        let ns: Double
        let x: Double
        let label: String

        /// The unit of an axis, chosen by its tick step.
        enum Unit {
            case ns, µs, ms, s

            init(step: Double) {
                self =
                    switch step {
                    case ..<1_000: .ns
                    case ..<1_000_000: .µs
                    case ..<1_000_000_000: .ms
                    default: .s
                    }
            }

            var nanoseconds: Double {
                switch self {
                case .ns: 1
                case .µs: 1_000
                case .ms: 1_000_000
                case .s: 1_000_000_000
                }
            }

            var symbol: String {
                switch self {
                case .ns: "ns"
                case .µs: "µs"
                case .ms: "ms"
                case .s: "s"
                }
            }

            /// Decimals that show every tick of `step` exactly (0.5 ms needs one).
            func decimals(for step: Double) -> Int {
                let inUnit = step / nanoseconds
                return inUnit >= 1 ? 0 : inUnit >= 0.1 ? 1 : 2
            }
        }
    }
}
