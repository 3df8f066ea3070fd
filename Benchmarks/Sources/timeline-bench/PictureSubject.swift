import BenchSupport
import Foundation
import Lockstep
import TDXHost
import TDXImage
import TDXTimeline

/// One update to draw: its report, the TDs' calls, and the `Timeline` built from them.
struct PictureSubject {
    let name: String
    let cpus: Int
    let tds: Int
    let report: ProcedureReport
    let build: () -> Timeline
    let timeline: Timeline

    /// A real update from 1.5.06 to 1.5.08 on `cpus` simulated CPUs with `tds` TDs running.
    static func update(cpus: Int, tds: Int) throws -> PictureSubject {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: cpus)
        configuration.tdCount = tds
        let host = try SimulatedHost(configuration: configuration)
        defer { host.shutdown() }
        host.startWorkloads()
        _ = host.workloads.waitForProgress(since: host.workloads.progress, calls: 20, timeout: .seconds(20))
        let attempt = host.update(imageBytes: try BuiltinImages.image(version: BuiltinImages.defaultTo))
        guard attempt.outcome == .completed, let report = attempt.report else {
            throw BenchError.input(
                path: "update on \(cpus) CPUs", reason: "ended \(attempt.outcome.rawValue), \(attempt.failures)")
        }
        _ = host.workloads.waitForProgress(since: host.workloads.progress, calls: 20, timeout: .seconds(20))
        host.workloads.stop()
        let calls = host.workloads.recentCalls()
        let ids = host.cpus.cpus.map(\.id)
        let build = { Timeline(update: attempt, cpus: ids, tdCalls: calls) }
        return PictureSubject(
            name: "\(cpus) CPUs, \(tds) TDs", cpus: cpus, tds: tds, report: report, build: build, timeline: build())
    }

    /// A picture as large as the command can make: 256 CPUs through all seven steps (one
    /// µs per CPU and step, a failure on every CPU of the last main step), 256 TDs each
    /// with a full ring of calls 200 ns apart around a 1 ms stop.
    static func worstCase(cpus: Int, tds: Int, callsPerTD: Int) -> PictureSubject {
        let closed: UInt64 = 1_000_000_000
        let names: [(String, String, ProcedureReport.Phase)] = [
            ("shutdown", "once", .main), ("install", "serial", .main), ("init", "concurrent", .main),
            ("restore", "concurrent", .main), ("recover-install", "serial", .recovery),
            ("recover-init", "concurrent", .recovery), ("recover-restore", "once", .recovery),
        ]
        var now = closed + 20_000
        var steps: [ProcedureReport.StepTrace] = []
        var errors: [ProcedureReport.StepError] = []
        for (index, (name, scope, phase)) in names.enumerated() {
            let runners = scope == "once" ? [0] : Array(0..<cpus)
            var timings: [ProcedureReport.CPUTiming] = []
            for cpu in runners {
                let start = scope == "serial" ? now : now + UInt64(cpu) * 10
                timings.append(.init(cpu: cpu, startNs: start, endNs: start + 1_000))
                if scope == "serial" { now += 1_100 }
                if index == 3 {
                    errors.append(.init(stepIndex: index, stepName: name, cpu: cpu, message: "TDX_SYS_BUSY"))
                }
            }
            now = (timings.map(\.endNs).max() ?? now) + 5_000
            steps.append(.init(index: index, name: name, scope: scope, phase: phase, cpus: timings))
        }
        let reopened = now + 10_000
        let report = ProcedureReport(
            procedure: "tdx-module-update", outcome: .recovered, cpuCount: cpus, steps: steps, errors: errors,
            watchdogEvents: [], startNs: closed + 10_000, endNs: now, drainNs: 10_000, stoppedNs: reopened - closed,
            gateClosedNs: closed)
        let start = closed - UInt64(callsPerTD / 2) * 200
        let calls = (0..<tds).map { td in
            TDCallHistory(
                td: td,
                calls: (0..<callsPerTD).map { call in
                    let ns = start + UInt64(call) * 200
                    return TDCall(ns: ns < closed ? ns : ns + (reopened - closed), succeeded: true)
                }, lastFailure: nil)
        }
        let ids = Array(0..<cpus)
        let stop = StopInterval(closedNs: closed, drainedNs: closed + 10_000, reopenedNs: reopened)
        let build = {
            Timeline(
                versionBefore: "1.5.06", versionAfter: "1.5.06", targetVersion: "1.5.08",
                outcome: .init(name: "recovered", severity: .warning), cpus: ids,
                steps: report.steps.map { step in
                    TimelineStep(
                        name: step.name, scope: TimelineStep.Scope(rawValue: step.scope) ?? .concurrent,
                        phase: step.phase == .recovery ? .recovery : .main,
                        spans: step.cpus.map { timing in
                            TimelineStep.Span(
                                cpu: timing.cpu, startNs: timing.startNs, endNs: timing.endNs,
                                failure: step.index == 3
                                    ? .init(status: "TDX_SYS_BUSY", detail: "TDH.SYS.UPDATE, injected") : nil)
                        })
                },
                stop: stop, procedure: report.startNs...report.endNs,
                tds: calls.map { history in
                    TDLane(td: history.td, calls: history.calls.filter(\.succeeded).map(\.ns))
                })
        }
        return PictureSubject(
            name: "worst case: \(cpus) CPUs, 7 steps, \(tds) TDs × \(callsPerTD) calls", cpus: cpus, tds: tds,
            report: report, build: build, timeline: build())
    }

    /// What is timed for this subject, in the order of `PictureRow`'s columns.
    func contenders(writingTo file: URL) -> [Contender] {
        let timeline = timeline
        let report = report
        let build = build
        return [
            Contender("build") { count in
                timed(count) { blackHole(build().cpus.count) }
            },
            Contender("render") { count in
                timed(count) { blackHole(TimelineSVG.render(timeline).utf8.count) }
            },
            Contender("render + write") { count in
                try timedThrowing(count) { try TimelineFile.write(TimelineSVG.render(timeline), to: file.path) }
            },
            Contender("chrome trace + write") { count in
                try timedThrowing(count) { try report.chromeTraceJSON().write(to: file, options: .atomic) }
            },
        ]
    }
}

private func timed(_ count: Int64, _ body: () -> Void) -> Double {
    let start = monotonicNs()
    for _ in 0..<count { body() }
    return Double(monotonicNs() - start) / Double(count)
}

private func timedThrowing(_ count: Int64, _ body: () throws -> Void) throws -> Double {
    let start = monotonicNs()
    for _ in 0..<count { try body() }
    return Double(monotonicNs() - start) / Double(count)
}

@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
