/// SEAMCALL instants turned into what can be drawn: calls closer than `joinWithin` px
/// merge into one run, so a TD calling every microsecond is one bar, not thousands of
/// ticks, while a sparse TD shows each call.
enum CallRuns {
    struct Run: Equatable {
        var from: Double
        var to: Double
        var calls: Int
    }

    /// The runs of `calls` (sorted, monotonic ns) inside the scale's window.
    static func runs(_ calls: [UInt64], _ scale: TimeScale, joinWithin: Double = 2) -> [Run] {
        var runs: [Run] = []
        for call in calls {
            let x = scale.x(call)
            guard x >= scale.left, x <= scale.right else { continue }
            if let last = runs.indices.last, x - runs[last].to <= joinWithin {
                runs[last].to = x
                runs[last].calls += 1
            } else {
                runs.append(Run(from: x, to: x, calls: 1))
            }
        }
        return runs
    }
}
