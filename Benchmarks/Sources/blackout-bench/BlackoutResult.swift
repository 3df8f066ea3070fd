import BenchSupport
import Foundation
import Lockstep

/// One CPU count's medians over several stops.
struct BlackoutRow: Encodable {
    /// One step's share of the blackout: from the previous step's last end (the
    /// procedure's start for the first step) to this step's last end, so step
    /// transitions are counted in the step they lead into.
    struct StepSpan: Encodable {
        let name: String
        let scope: String
        let spanNs: Double
        let perCPUNs: Double

        enum CodingKeys: String, CodingKey {
            case name, scope
            case spanNs = "span_ns"
            case perCPUNs = "per_cpu_ns"
        }
    }

    let cpus: Int
    let pinned: Bool
    /// Gate closed -> reopened.
    let blackoutNs: Double
    /// Gate closed -> no gate user inside.
    let drainNs: Double
    /// The procedure from its start to the last step's end (blackout minus gate handling).
    let procedureNs: Double
    /// Procedure published -> first step started on any CPU: waking the parked stoppers.
    let wakeNs: Double
    /// Last step's end -> the coordinator observed `finished` (its wake-up, when parked).
    let finishNs: Double
    let steps: [StepSpan]
    /// Gate entries made by the workers during the run (engine rows only).
    let gateEntries: Int?

    /// Builds the medians from the reports of the measured stops (main steps only).
    init(cpus: Int, pinned: Bool, reports: [ProcedureReport], gateEntries: Int?) {
        self.cpus = cpus
        self.pinned = pinned
        self.gateEntries = gateEntries
        blackoutNs = median(reports.map { Double($0.stoppedNs ?? ($0.endNs - $0.startNs)) })
        drainNs = median(reports.map { Double($0.drainNs ?? 0) })
        let traces = reports.map { report in report.steps.filter { $0.phase == .main } }
        let stepCount = traces.map(\.count).min() ?? 0
        var spans = [[Double]](repeating: [], count: stepCount)
        var procedure: [Double] = []
        var wake: [Double] = []
        var finish: [Double] = []
        for (report, steps) in zip(reports, traces) {
            let timings = steps.flatMap(\.cpus)
            if let firstStart = timings.map(\.startNs).min(), let lastEnd = timings.map(\.endNs).max() {
                wake.append(Double(firstStart) - Double(report.startNs))
                finish.append(Double(report.endNs) - Double(lastEnd))
            }
            var previousEnd = report.startNs
            for index in 0..<stepCount {
                let end = steps[index].cpus.map(\.endNs).max() ?? previousEnd
                spans[index].append(Double(end &- previousEnd))
                previousEnd = end
            }
            procedure.append(Double(previousEnd &- report.startNs))
        }
        procedureNs = median(procedure)
        wakeNs = median(wake)
        finishNs = median(finish)
        let first = traces.first ?? []
        steps = (0..<stepCount).map { index in
            let span = median(spans[index])
            return StepSpan(
                name: first[index].name, scope: first[index].scope, spanNs: span, perCPUNs: span / Double(cpus))
        }
    }

    /// The serial step's span divided by the CPUs: one hand-off plus one CPU's (empty) turn.
    var serialHandoffNs: Double { (steps.first { $0.scope == "serial" }?.spanNs ?? .nan) / Double(cpus) }

    enum CodingKeys: String, CodingKey {
        case cpus, pinned, steps
        case blackoutNs = "blackout_ns"
        case blackoutPerCPUNs = "blackout_per_cpu_ns"
        case drainNs = "drain_ns"
        case procedureNs = "procedure_ns"
        case wakeNs = "wake_ns"
        case finishNs = "finish_ns"
        case serialHandoffNs = "serial_handoff_ns"
        case gateEntries = "gate_entries"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cpus, forKey: .cpus)
        try container.encode(pinned, forKey: .pinned)
        try container.encode(steps, forKey: .steps)
        try container.encode(blackoutNs, forKey: .blackoutNs)
        try container.encode(blackoutNs / Double(cpus), forKey: .blackoutPerCPUNs)
        try container.encode(drainNs, forKey: .drainNs)
        try container.encode(procedureNs, forKey: .procedureNs)
        try container.encode(wakeNs, forKey: .wakeNs)
        try container.encode(finishNs, forKey: .finishNs)
        try container.encode(serialHandoffNs, forKey: .serialHandoffNs)
        try container.encodeIfPresent(gateEntries, forKey: .gateEntries)
    }
}

/// Median of a list (NaN when empty).
func median(_ values: [Double]) -> Double { Sample(values: values, operationsPerRepetition: 1).median }

/// Everything blackout-bench measured.
struct BlackoutResult: Encodable {
    let pingPongRoundTripNs: Double
    /// Through TDXHost's update driver (SimulatedHost, free firmware).
    let host: [BlackoutRow]
    /// The same shape directly on the engine (no host driver).
    let engine: [BlackoutRow]
    let tds: Int
    let workers: Int
    let repetitions: Int
    let machine: Machine

    enum CodingKeys: String, CodingKey {
        case host, engine, tds, workers, repetitions, machine
        case pingPongRoundTripNs = "pingpong_rtt_ns"
    }

    func humanReport() -> String {
        var lines = [
            "blackout-bench: simulated update, firmware calls free, median of \(repetitions) stops per CPU count",
            machine.summary, "",
            "ping-pong round trip (same run): \(formatNs(pingPongRoundTripNs))",
        ]
        lines += section(
            "Through TDXHost (SimulatedHost.update, \(tds) TD workload threads): blackout = gate closed -> reopened",
            host)
        lines += section(
            "Engine only (StopMachine.stopTheWorld, empty bodies, \(workers) gate workers)", engine)
        return lines.joined(separator: "\n")
    }

    private func section(_ title: String, _ rows: [BlackoutRow]) -> [String] {
        guard let first = rows.first else { return [] }
        var header = ["CPUs", "blackout", "drain", "wake"]
        for step in first.steps { header += ["\(step.name) (\(step.scope))", "per CPU"] }
        header += ["finish", "serial hand-off", "x RTT"]
        var table = TextTable(header: header)
        for row in rows {
            var cells = [
                "\(row.cpus)\(row.pinned ? " pinned" : "")", formatNs(row.blackoutNs), formatNs(row.drainNs),
                formatNs(row.wakeNs),
            ]
            for step in row.steps { cells += [formatNs(step.spanNs), formatNs(step.perCPUNs)] }
            cells += [
                formatNs(row.finishNs), formatNs(row.serialHandoffNs),
                formatRatio(row.serialHandoffNs / pingPongRoundTripNs),
            ]
            table.append(cells)
        }
        var lines = [
            "", title,
            "(wake: procedure published -> first step started; finish: last step ended -> coordinator saw it)",
            table.render(),
        ]
        if let last = rows.last, last.cpus > first.cpus {
            let factor = Double(last.cpus) / Double(first.cpus)
            var growth = "growth \(first.cpus) -> \(last.cpus) CPUs (x\(Int(factor)) CPUs): "
            growth += first.steps.indices.map { index in
                let ratio = last.steps[index].spanNs / first.steps[index].spanNs
                return "\(first.steps[index].name) x" + String(format: "%.1f", ratio)
            }.joined(separator: ", ")
            growth += ", blackout x" + String(format: "%.1f", last.blackoutNs / first.blackoutNs)
            lines.append(growth)
        }
        return lines
    }
}
