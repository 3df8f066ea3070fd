import Foundation

/// What happened when a procedure ran: outcome, every executed step with each CPU's
/// start and end (monotonic ns), every error with its CPU and step, watchdog events.
public struct ProcedureReport: Sendable, Codable {
    /// How the procedure ended.
    public enum Outcome: String, Sendable, Codable {
        /// Every main step succeeded on every CPU.
        case completed
        /// A main step failed and there were no recovery steps.
        case failed
        /// A main step failed and every recovery step then succeeded.
        case recovered
        /// A main step failed and so did a recovery step.
        case recoveryFailed = "recovery_failed"
    }

    /// Whether a step belongs to the main steps or to the recovery steps.
    public enum Phase: String, Sendable, Codable { case main, recovery }

    /// When one CPU ran its part of a step (monotonic ns).
    public struct CPUTiming: Sendable, Codable, Equatable {
        /// The CPU's id.
        public let cpu: Int
        /// When the CPU started the step (for serial steps: when its turn came).
        public let startNs: UInt64
        /// When the CPU finished its part (before waiting for the other CPUs).
        public let endNs: UInt64

        /// A CPU's timing of one step.
        public init(cpu: Int, startNs: UInt64, endNs: UInt64) {
            self.cpu = cpu
            self.startNs = startNs
            self.endNs = endNs
        }

        enum CodingKeys: String, CodingKey {
            case cpu
            case startNs = "start_ns"
            case endNs = "end_ns"
        }
    }

    /// One executed step.
    public struct StepTrace: Sendable, Codable {
        /// Index in the executed sequence (main steps first, then recovery steps).
        public let index: Int
        /// The step's name.
        public let name: String
        /// The scope's name: "once", "serial" or "concurrent".
        public let scope: String
        /// Main or recovery.
        public let phase: Phase
        /// `once`: only the CPU that ran the body; otherwise every CPU, ascending. Empty
        /// when the machine does not record timestamps.
        public let cpus: [CPUTiming]

        /// A trace of one executed step.
        public init(index: Int, name: String, scope: String, phase: Phase, cpus: [CPUTiming]) {
            self.index = index
            self.name = name
            self.scope = scope
            self.phase = phase
            self.cpus = cpus
        }
    }

    /// An error a step body threw on one CPU.
    public struct StepError: Sendable, Codable, CustomStringConvertible {
        /// Index of the step in the executed sequence.
        public let stepIndex: Int
        /// The step's name.
        public let stepName: String
        /// The id of the CPU whose body threw.
        public let cpu: Int
        /// The error's description.
        public let message: String
        /// The thrown error itself (not encoded; nil after decoding).
        public var underlying: (any Error)? = nil

        /// An error record; `message` defaults to the error's description.
        public init(stepIndex: Int, stepName: String, cpu: Int, message: String, underlying: (any Error)? = nil) {
            self.stepIndex = stepIndex
            self.stepName = stepName
            self.cpu = cpu
            self.message = message
            self.underlying = underlying
        }

        public var description: String { "step \(stepIndex) '\(stepName)' on CPU \(cpu): \(message)" }

        enum CodingKeys: String, CodingKey {
            case stepIndex = "step_index"
            case stepName = "step_name"
            case cpu, message
        }
    }

    /// A CPU that had not finished a step when the step's deadline passed.
    public struct WatchdogEvent: Sendable, Codable, Equatable, CustomStringConvertible {
        /// Index of the step in the executed sequence.
        public let stepIndex: Int
        /// The step's name.
        public let stepName: String
        /// The id of the CPU that had not finished.
        public let cpu: Int
        /// How long the step had been running when the CPU was reported (ns).
        public let elapsedNs: UInt64

        /// A watchdog report of one CPU in one step.
        public init(stepIndex: Int, stepName: String, cpu: Int, elapsedNs: UInt64) {
            self.stepIndex = stepIndex
            self.stepName = stepName
            self.cpu = cpu
            self.elapsedNs = elapsedNs
        }

        public var description: String {
            "CPU \(cpu) has not finished step \(stepIndex) '\(stepName)' after \(elapsedNs / 1_000_000) ms"
        }

        enum CodingKeys: String, CodingKey {
            case stepIndex = "step_index"
            case stepName = "step_name"
            case cpu
            case elapsedNs = "elapsed_ns"
        }
    }

    /// The procedure's name.
    public let procedure: String
    /// How it ended.
    public let outcome: Outcome
    /// How many CPUs ran it.
    public let cpuCount: Int
    /// The executed steps in order; recovery steps come after the main steps.
    public let steps: [StepTrace]
    /// Every error, ordered by step then CPU.
    public let errors: [StepError]
    /// Every CPU the watchdog named, in the order it named them.
    public let watchdogEvents: [WatchdogEvent]
    /// When the coordinator published the procedure (monotonic ns).
    public let startNs: UInt64
    /// When the coordinator saw every CPU finish (monotonic ns).
    public let endNs: UInt64
    /// `stopTheWorld` only: how long draining gate-protected work took (ns).
    public let drainNs: UInt64?
    /// `stopTheWorld` only: how long the gate stayed closed (ns).
    public let stoppedNs: UInt64?
    /// `stopTheWorld` only: when the gate closed (monotonic ns), so a picture can place the
    /// drain and the blackout on the same clock as the steps.
    public let gateClosedNs: UInt64?

    /// A report with every field given.
    public init(
        procedure: String, outcome: Outcome, cpuCount: Int, steps: [StepTrace],
        errors: [StepError], watchdogEvents: [WatchdogEvent], startNs: UInt64, endNs: UInt64,
        drainNs: UInt64? = nil, stoppedNs: UInt64? = nil, gateClosedNs: UInt64? = nil
    ) {
        self.procedure = procedure
        self.outcome = outcome
        self.cpuCount = cpuCount
        self.steps = steps
        self.errors = errors
        self.watchdogEvents = watchdogEvents
        self.startNs = startNs
        self.endNs = endNs
        self.drainNs = drainNs
        self.stoppedNs = stoppedNs
        self.gateClosedNs = gateClosedNs
    }

    /// The executed index of the main step that failed, if one did.
    public var failedStep: Int? {
        let mainIndices = Set(steps.filter { $0.phase == .main }.map(\.index))
        return errors.first { mainIndices.contains($0.stepIndex) }?.stepIndex
    }

    /// The same report with the stop-the-world timings filled in.
    func withStopTimings(closedNs: UInt64, drainNs: UInt64, stoppedNs: UInt64) -> ProcedureReport {
        ProcedureReport(
            procedure: procedure, outcome: outcome, cpuCount: cpuCount, steps: steps,
            errors: errors, watchdogEvents: watchdogEvents, startNs: startNs, endNs: endNs,
            drainNs: drainNs, stoppedNs: stoppedNs, gateClosedNs: closedNs)
    }

    /// The report as JSON with snake_case keys, sorted, pretty-printed.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    enum CodingKeys: String, CodingKey {
        case procedure, outcome
        case cpuCount = "cpu_count"
        case steps, errors
        case watchdogEvents = "watchdog_events"
        case startNs = "start_ns"
        case endNs = "end_ns"
        case drainNs = "drain_ns"
        case stoppedNs = "stopped_ns"
        case gateClosedNs = "gate_closed_ns"
    }
}
