/// Everything one picture of an update shows, as plain values: the heading's facts, every
/// step with each CPU's span, the stop (gate closed, drained, reopened) and each TD's
/// SEAMCALLs around it.
///
/// `TimelineSVG.render(_:)` draws it. The type knows nothing of the engine or the host, so
/// any source (a simulated host's update, a saved report) can fill it in.
public struct Timeline: Sendable, Hashable {
    /// The heading's first line, e.g. "TDX module update".
    public var title: String
    /// The version that ran before, e.g. "1.5.06".
    public var versionBefore: String?
    /// The version that runs after, or nil when none does (the module was lost).
    public var versionAfter: String?
    /// The image's version, the update's target.
    public var targetVersion: String?
    /// How the update ended.
    public var outcome: Outcome
    /// The CPU ids, one lane each, top to bottom (ascending, as the engine orders them).
    public var cpus: [Int]
    /// The executed steps in order (main steps, then recovery steps).
    public var steps: [TimelineStep]
    /// When the gate closed, drained and reopened; nil when nothing was stopped.
    public var stop: StopInterval?
    /// When the procedure was published to the CPUs and when the last CPU was seen to
    /// finish (monotonic ns): inside the stop, around the steps.
    public var procedure: ClosedRange<UInt64>?
    /// One lane per TD, below the CPUs.
    public var tds: [TDLane]
    /// Extra heading lines (e.g. why nothing was stopped), shown as given.
    public var notes: [String]

    /// A timeline with every field given.
    public init(
        title: String = "TDX module update", versionBefore: String? = nil, versionAfter: String? = nil,
        targetVersion: String? = nil, outcome: Outcome, cpus: [Int], steps: [TimelineStep],
        stop: StopInterval? = nil, procedure: ClosedRange<UInt64>? = nil, tds: [TDLane] = [],
        notes: [String] = []
    ) {
        self.title = title
        self.versionBefore = versionBefore
        self.versionAfter = versionAfter
        self.targetVersion = targetVersion
        self.outcome = outcome
        self.cpus = cpus
        self.steps = steps
        self.stop = stop
        self.procedure = procedure
        self.tds = tds
        self.notes = notes
    }

    /// How the update ended: its name as the host reports it and how bad that is.
    public struct Outcome: Sendable, Hashable {
        /// How an outcome is coloured in the heading.
        public enum Severity: String, Sendable, Hashable {
            /// The update did what was asked.
            case success
            /// It did not, but nothing was lost (refused, harmless failure, recovered).
            case warning
            /// Something was lost (the module, the TDs).
            case fatal
        }

        /// The outcome's name, e.g. "completed" or "failed_fatal".
        public var name: String
        /// How bad it is.
        public var severity: Severity

        /// An outcome named `name` of `severity`.
        public init(name: String, severity: Severity) {
            self.name = name
            self.severity = severity
        }
    }

    /// The earliest and latest instant the picture must show: every span, the stop, the
    /// procedure, and for each TD its last successful call before the gate reopened and its
    /// first call (succeeded or failed) after, so both ends of its gap are in view when
    /// they lie within a quarter of the update's own length (one TD that waited long must
    /// not squash the update into a sliver; its gap then runs off the edge).
    var eventRange: ClosedRange<UInt64>? {
        var low = UInt64.max
        var high = UInt64.min
        for step in steps {
            for span in step.spans {
                low = min(low, span.startNs)
                high = max(high, span.endNs)
            }
        }
        for instant in [stop?.closedNs, stop?.reopenedNs, procedure?.lowerBound, procedure?.upperBound] {
            guard let instant else { continue }
            low = min(low, instant)
            high = max(high, instant)
        }
        guard low <= high else { return nil }
        if let stop {
            let reach = max((high - low) / 4, 1_000)
            for td in tds {
                if let before = td.lastSuccessBefore(stop), before < low, low - before <= reach { low = before }
                if let after = td.firstCallAfter(stop), after > high, after - high <= reach { high = after }
            }
        }
        return low...high
    }
}
