/// A stack of equal lanes (CPUs or TDs): how tall each is, which ones get a label so that
/// labels never touch, and where each lane's bar sits.
struct LaneGrid {
    let top: Double
    let count: Int
    let laneHeight: Double
    /// Every `labelEvery`-th lane is labelled (a power of two), so that labels of
    /// `labelSize` are at least 3 px apart.
    let labelEvery: Int
    let labelSize: Double

    /// `count` lanes from `top`, sharing about `budget` px, each between `minimum` and
    /// `maximum` px tall.
    init(top: Double, count: Int, budget: Double, minimum: Double, maximum: Double, labelSize: Double) {
        self.top = top
        self.count = count
        laneHeight = min(maximum, max(minimum, budget / Double(max(count, 1))))
        self.labelSize = labelSize
        var every = 1
        while Double(every) * laneHeight < labelSize + 3 { every *= 2 }
        labelEvery = every
    }

    var height: Double { laneHeight * Double(count) }
    var bottom: Double { top + height }

    func laneTop(_ index: Int) -> Double { top + Double(index) * laneHeight }
    func center(_ index: Int) -> Double { laneTop(index) + laneHeight / 2 }

    /// Lanes of 6 px and more keep a 1 px gap above and below their bars.
    var barInset: Double { laneHeight >= 6 ? 1 : 0 }
    func barTop(_ index: Int) -> Double { laneTop(index) + barInset }
    var barHeight: Double { laneHeight - 2 * barInset }

    func isLabelled(_ index: Int) -> Bool { index % labelEvery == 0 }

    /// The baseline that centres a label of `labelSize` on lane `index`.
    func labelBaseline(_ index: Int) -> Double { center(index) + labelSize * 0.35 }
}
