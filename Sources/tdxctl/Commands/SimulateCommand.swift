import ArgumentParser
import Foundation
import TDXHost
import TDXImage
import TDXUpdater

/// `tdxctl simulate`: the product's main job on a simulated host. Builds a host on this
/// machine's CPUs with a few TDs, runs the operator's updater against the simulated
/// kernel's files exactly as `tdxctl update` runs on a real host, and shows what each CPU
/// did, the TD blackout, and that every TD kept its state and ran on.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Update the TDX module of a simulated host while its TDs keep running.",
        discussion: """
            Runs the operator's updater on the simulated kernel's files exactly as `tdxctl update` runs \
            on a real host. Exit status (the table of `update`): 0 completed; 10 refused before anything \
            stopped; 11 failed harmlessly (old module runs); 12 failed fatally (module and TDs lost); \
            13 failed, then the kernel recovered with the previous image; 15 completed but the kernel's \
            cached version is stale (--stale-version).
            """)

    @Option(help: "Simulated CPU count (default: this machine's online CPUs, pinned).")
    var cpus: Int?

    @Option(help: "How many TDs run during the update.")
    var tds = 3

    @Option(help: ArgumentHelp("Module version the host runs first.", valueName: "version"))
    var from = BuiltinImages.defaultFrom

    @Option(help: ArgumentHelp("Module version to update to.", valueName: "version"))
    var to = BuiltinImages.defaultTo

    @Option(
        help: ArgumentHelp(
            "Folder of module images, read as `update --images` reads it (default: the built-in test images).",
            valueName: "DIR"))
    var images: String?

    @Option(
        help: ArgumentHelp(
            "Keys to trust: intel, test, or a key fingerprint (default: test; intel with --images).",
            valueName: "intel|test|FINGERPRINT"))
    var trust: TrustPolicy?

    @Option(
        name: .customLong("inject"),
        help: ArgumentHelp(
            "Make a firmware call fail: STEP:CPU[:STATUS], e.g. install:1, shutdown:0, init:2:TDX_SYS_BUSY.",
            valueName: "STEP:CPU[:STATUS]"))
    var faults: [StepFault] = []

    @Flag(help: "After a failure past shutdown, re-install the previous image so the TDs survive.")
    var recover = false

    @Flag(help: "Install even when --to is the running version (spends one of the remaining updates).")
    var force = false

    @Flag(
        help: """
            Make the kernel keep its cached version after a successful update, as Linux 7.2 does when \
            re-reading it fails (the update then ends completed_version_stale, exit 15).
            """)
    var staleVersion = false

    @Option(
        help: ArgumentHelp(
            "Write the update's Chrome trace-event JSON (open in Perfetto) to this file.", valueName: "FILE"))
    var trace: String?

    @Option(
        help: ArgumentHelp(
            "Write the update as an SVG picture (steps per CPU, TD blackout, TD SEAMCALLs) to this file.",
            valueName: "FILE"))
    var timeline: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let cpus, cpus < 1 || cpus > 4096 { throw ValidationError("--cpus must be between 1 and 4096") }
        guard (0...256).contains(tds) else { throw ValidationError("--tds must be between 0 and 256") }
    }

    func run() async throws {
        // Both output files are checked before the simulation runs: a typo costs no update.
        let traceFile = try common.reporting { () throws(CommandFailure) -> TraceFile? in
            guard let trace else { return nil }
            do throws(TraceFileError) {
                return try TraceFile(path: trace)
            } catch {
                throw CommandFailure(.writeFailed, error.description, file: error.path)
            }
        }
        let timelineOutput = try common.reporting { try TimelineOutput.prepare(timeline) }
        var configuration = HostConfiguration()
        configuration.cpus = cpus.map { .simulated(count: $0) } ?? .online
        configuration.tdCount = tds
        configuration.faults = faults
        configuration.kernel.recovery = recover
        configuration.kernel.versionRefreshFails = staleVersion
        let policy = trust ?? (images == nil ? .test : .intel)
        configuration.kernel.trust = policy
        let quiet = common.json
        let result: Simulation.Result = try await common.reporting { () async throws -> Simulation.Result in
            let catalog: ImageCatalog
            if let directory = images {
                do {
                    catalog = try ImageCatalog(directory: directory, trust: policy)
                } catch {
                    throw CommandFailure(.catalogUnusable, "\(error)", file: directory)
                }
            } else {
                catalog = try SimulationCatalog.builtin(versions: [from, to])
            }
            let simulation = Simulation(
                configuration: configuration, catalog: catalog, from: from,
                request: UpdateRequest(version: to, force: force, timeout: .seconds(120)), logger: common.logger
            ) { line in
                if !quiet { print(line) }
            }
            let result: Simulation.Result
            do {
                result = try await simulation.run()
            } catch let error as HostError {
                throw CommandFailure(.hostUnusable, error.description)
            } catch let error as SimulationError {
                throw CommandFailure(.imageNotFound, error.description, file: images)
            }
            if let traceFile, let procedure = result.procedure {
                do {
                    try traceFile.write(try procedure.chromeTraceJSON())
                } catch {
                    throw CommandFailure(.writeFailed, "\(error)", file: traceFile.path)
                }
            }
            return result
        }
        try common.reporting { try timelineOutput?.write(result) }
        if common.json {
            try printJSON(SimulationOutput(result, from: from.description, to: to.description))
        } else {
            print(SimulationPrinter.render(result))
            if let trace { print("trace: \(trace)") }
            if let timeline { print("timeline: \(timeline)") }
        }
        if result.exitStatus != .success { throw ExitCode(result.exitStatus) }
    }
}
