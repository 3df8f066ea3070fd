import ArgumentParser
import BenchSupport
import Foundation

/// The TD blackout of a simulated update with the firmware calls made free: what is
/// left is our own overhead (gate drain, step transitions, serial hand-offs, the host
/// driver's bookkeeping), for 2 to 256 CPUs.
@main
struct BlackoutBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blackout-bench",
        abstract: "Blackout of a simulated TDX module update (free firmware) for 2-256 CPUs.",
        discussion: """
            2 CPUs are this machine's pinned CPUs; larger counts are simulated CPUs (unpinned \
            threads) on the same 2 cores. Measured twice: through TDXHost's update driver \
            (SimulatedHost.update), and as the same once/serial/concurrent/once shape with empty \
            bodies directly on the engine. Per-step spans come from the engine's report.
            """)

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Flag(help: "Fewer repetitions for a smoke run; numbers are noisier.")
    var quick = false

    @Option(help: "CPU counts (2 uses the real, pinned CPUs; the others are simulated).")
    var cpus: [Int] = [2, 16, 64, 256]

    @Option(help: "TDs with workload threads on the simulated host (0: the host's benchmark setup).")
    var tds = 0

    @Option(help: "Gate worker threads in the engine-only rows.")
    var workers = 2

    func run() throws {
        let machine = Machine.current()
        let repetitions = quick ? 5 : 15
        let allowed = Array(machine.allowedCPUs.prefix(2))
        guard allowed.count == 2 else { throw BenchError.notEnoughCPUs(needed: 2, allowed: machine.allowedCPUs) }
        let progress = Progress(enabled: !json)

        var hostRows: [BlackoutRow] = []
        var engineRows: [BlackoutRow] = []
        var roundTrips: [Double] = []
        for count in cpus {
            // A round trip before each CPU count, so the reference sees the same load.
            roundTrips.append(try roundTripNs(cpus: allowed, roundTrips: quick ? 20_000 : 200_000))
            let host = try HostUpdates.measure(cpus: count, tds: tds, repetitions: repetitions)
            let engine = try UpdateShape.measure(cpus: count, workers: workers, repetitions: repetitions)
            progress.say(
                "\(count) CPUs: blackout \(formatNs(host.blackoutNs)) through the host, "
                    + "\(formatNs(engine.blackoutNs)) engine only")
            hostRows.append(host)
            engineRows.append(engine)
        }
        let result = BlackoutResult(
            pingPongRoundTripNs: median(roundTrips), host: hostRows, engine: engineRows, tds: tds, workers: workers,
            repetitions: repetitions, machine: machine.finished())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(result.humanReport())
        }
    }
}

/// Progress lines on stderr while a human waits (silent in JSON mode).
struct Progress {
    let enabled: Bool
    func say(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
