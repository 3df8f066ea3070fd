import BenchSupport

/// The human-readable tables of one lockstep-bench run, with ratios to the ping-pong
/// round trip and a line per goal of the engine.
struct HumanReport {
    let result: LockstepResult
    let oversubscribed: [Int]

    func render() -> String {
        var lines: [String] = []
        lines.append("lockstep-bench (\(result.mode): median of \(result.repetitions) repetitions)")
        lines.append(result.machine.summary)
        lines.append("")
        let floor = result.stepNs[Mechanism.pingPongRoundTrip.rawValue] ?? .nan
        let bestFloor = result.stepNsBest[Mechanism.pingPongRoundTrip.rawValue] ?? .nan
        var header = [
            "step transition (ns per step)", "2 CPUs pinned", "x ping-pong", "best of 2 CPUs", "x best ping-pong",
        ]
        for threads in oversubscribed {
            header += ["\(threads) threads", "x pthread_barrier"]
        }
        var table = TextTable(header: header)
        for mechanism in Mechanism.allCases {
            guard let two = result.stepNs[mechanism.rawValue] else { continue }
            let best = result.stepNsBest[mechanism.rawValue] ?? .nan
            var row = [
                mechanism.title, formatNs(two), formatRatio(two / floor), formatNs(best), formatRatio(best / bestFloor),
            ]
            for threads in oversubscribed {
                let values = result.oversubscribed[String(threads)] ?? [:]
                let value = values[mechanism.rawValue] ?? .nan
                let barrier = values[Mechanism.pthreadBarrier.rawValue] ?? .nan
                row += [formatNs(value), mechanism == .pingPongRoundTrip ? "" : formatRatio(value / barrier)]
            }
            table.append(row)
        }
        lines.append(table.render())
        if let side = result.serialSideBySide, let handoff = result.serialHandoffNs {
            lines.append("")
            lines.append(
                "serial step, 2 CPUs: \(formatNs(side.serialStepNs)) (concurrent step \(formatNs(side.concurrentStepNs)), "
                    + "ping-pong \(formatNs(side.pingPongRoundTripNs)), measured in the same group)")
            lines.append(
                "per-CPU serial hand-off: \(formatNs(handoff)) = "
                    + "\(formatRatio(handoff / side.pingPongRoundTripNs)) the ping-pong round trip")
        }
        if let gate = result.gateEnterLeaveNs {
            lines.append("gate enter+leave, no stop pending: \(formatNs(gate))")
        }
        let goals = Goals(result: result, oversubscribed: oversubscribed).lines()
        if !goals.isEmpty {
            lines.append("")
            lines.append("goals:")
            lines += goals.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

/// The engine's performance goals (issue 3), each checked against this run's numbers.
struct Goals {
    let result: LockstepResult
    let oversubscribed: [Int]

    func lines() -> [String] {
        guard let engine = result.stepNs[Mechanism.lockstep.rawValue] else { return [] }
        let floor = result.stepNs[Mechanism.pingPongRoundTrip.rawValue] ?? .nan
        var lines: [String] = []
        let baselines = Mechanism.allCases.filter { $0 != .lockstep && $0 != .pingPongRoundTrip }
        let slower = baselines.filter { engine > (result.stepNs[$0.rawValue] ?? .infinity) }
        lines.append(
            verdict(slower.isEmpty)
                + " 2 CPUs at or below every baseline"
                + (slower.isEmpty ? "" : " (slower than \(slower.map(\.rawValue).joined(separator: ", ")))"))
        lines.append(
            verdict(engine <= 1.5 * floor)
                + " 2 CPUs within 1.5x of ping-pong: \(formatRatio(engine / floor))")
        for threads in oversubscribed {
            let row = result.oversubscribed[String(threads)] ?? [:]
            let mine = row[Mechanism.lockstep.rawValue] ?? .nan
            let barrier = row[Mechanism.pthreadBarrier.rawValue] ?? .nan
            lines.append(
                verdict(mine * 2 <= barrier)
                    + " \(threads) threads at least 2x faster than pthread_barrier: \(formatRatio(barrier / mine)) faster"
            )
        }
        if let serial = result.serialHandoffNs, let side = result.serialSideBySide {
            let roundTrip = side.pingPongRoundTripNs
            lines.append(
                verdict(serial <= 1.5 * roundTrip)
                    + " serial hand-off within 1.5x of ping-pong: \(formatRatio(serial / roundTrip))")
        }
        if let gate = result.gateEnterLeaveNs {
            lines.append(verdict(gate < 5) + " gate enter+leave under 5 ns: \(formatNs(gate))")
        }
        return lines
    }

    private func verdict(_ met: Bool) -> String { met ? "[met] " : "[MISSED]" }
}
