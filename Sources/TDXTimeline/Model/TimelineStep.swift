/// One executed step: its name, where it ran, whether it belongs to recovery, and each
/// CPU's span.
public struct TimelineStep: Sendable, Hashable {
    /// Which CPUs ran the step's body.
    public enum Scope: String, Sendable, Hashable {
        /// One CPU.
        case once
        /// Every CPU, one after the other in lane order (the hand-off order).
        case serial
        /// Every CPU at once.
        case concurrent
    }

    /// Whether the step is one of the update's own steps or a recovery step.
    public enum Phase: String, Sendable, Hashable {
        /// The update's steps.
        case main
        /// Steps run after a failure to bring the previous module back.
        case recovery
    }

    /// The step's name, e.g. "install".
    public var name: String
    /// Where it ran.
    public var scope: Scope
    /// Main or recovery.
    public var phase: Phase
    /// True when the step ran but did no work (recovery after a failed shutdown: the old
    /// module still runs, so there is nothing to recover).
    public var didNothing: Bool
    /// One span per CPU that ran the body; for serial steps in hand-off order.
    public var spans: [Span]

    /// A step with every field given.
    public init(name: String, scope: Scope, phase: Phase = .main, didNothing: Bool = false, spans: [Span]) {
        self.name = name
        self.scope = scope
        self.phase = phase
        self.didNothing = didNothing
        self.spans = spans
    }

    /// Whether any CPU failed this step.
    public var failed: Bool { spans.contains { $0.failure != nil } }

    /// One CPU's part of a step (monotonic ns) and, when it failed, why.
    public struct Span: Sendable, Hashable {
        /// The CPU's id.
        public var cpu: Int
        /// When the CPU started its part.
        public var startNs: UInt64
        /// When it finished its part.
        public var endNs: UInt64
        /// Why it failed, or nil when it succeeded.
        public var failure: Failure?

        /// A span of `cpu` from `startNs` to `endNs`.
        public init(cpu: Int, startNs: UInt64, endNs: UInt64, failure: Failure? = nil) {
            self.cpu = cpu
            self.startNs = startNs
            self.endNs = max(startNs, endNs)
            self.failure = failure
        }
    }

    /// Why a CPU's part of a step failed.
    public struct Failure: Sendable, Hashable {
        /// The status name the call returned, e.g. "PSEAMLDR_EBADSIG".
        public var status: String
        /// What made the failing call and how, e.g. "SEAMLDR.INSTALL, injected".
        public var detail: String?

        /// A failure with `status` and optional `detail`.
        public init(status: String, detail: String? = nil) {
            self.status = status
            self.detail = detail
        }
    }
}
