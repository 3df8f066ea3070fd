import Foundation

extension ProcedureReport {
    /// The report in Chrome's trace-event format (opens in Perfetto and chrome://tracing):
    /// one complete ("X") event per CPU per step on a track per CPU, instant ("i") events
    /// for errors and watchdog reports, and thread-name metadata. Times are µs relative
    /// to the procedure's start.
    public func chromeTraceJSON() throws -> Data {
        var events: [ChromeTraceEvent] = []
        let cpuIDs = Set(steps.flatMap { $0.cpus.map(\.cpu) } + errors.map(\.cpu) + watchdogEvents.map(\.cpu))
        for cpu in cpuIDs.sorted() {
            events.append(
                ChromeTraceEvent(
                    name: "thread_name", category: nil, phase: "M", timestampUs: nil, durationUs: nil,
                    threadID: cpu, scope: nil, args: ["name": .string("CPU \(cpu)")]))
        }
        for step in steps {
            for timing in step.cpus {
                events.append(
                    ChromeTraceEvent(
                        name: step.name, category: step.scope, phase: "X",
                        timestampUs: microseconds(timing.startNs),
                        durationUs: Double(timing.endNs &- timing.startNs) / 1_000,
                        threadID: timing.cpu, scope: nil,
                        args: ["step_index": .int(step.index), "phase": .string(step.phase.rawValue)]))
            }
        }
        let stepEnds = Dictionary(
            steps.map { step in (step.index, step.cpus.map(\.endNs).max() ?? startNs) },
            uniquingKeysWith: { first, _ in first })
        for error in errors {
            events.append(
                ChromeTraceEvent(
                    name: "error: \(error.stepName)", category: "error", phase: "i",
                    timestampUs: microseconds(stepEnds[error.stepIndex] ?? endNs), durationUs: nil,
                    threadID: error.cpu, scope: "t",
                    args: ["step_index": .int(error.stepIndex), "message": .string(error.message)]))
        }
        for event in watchdogEvents {
            let stepStart = steps.first { $0.index == event.stepIndex }?.cpus.map(\.startNs).min() ?? startNs
            events.append(
                ChromeTraceEvent(
                    name: "watchdog: \(event.stepName)", category: "watchdog", phase: "i",
                    timestampUs: microseconds(stepStart &+ event.elapsedNs), durationUs: nil,
                    threadID: event.cpu, scope: "t",
                    args: ["step_index": .int(event.stepIndex), "elapsed_ns": .int(Int(event.elapsedNs))]))
        }
        let document = ChromeTraceDocument(
            traceEvents: events, displayTimeUnit: "ns",
            otherData: ["procedure": procedure, "outcome": outcome.rawValue])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(document)
    }

    private func microseconds(_ ns: UInt64) -> Double {
        Double(Int64(bitPattern: ns &- startNs)) / 1_000
    }
}
