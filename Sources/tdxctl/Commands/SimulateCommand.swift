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
            Exit status: 0 the update completed; 10 refused by a precheck (nothing stopped); \
            11 failed harmlessly (old module runs); 12 failed fatally (module and TDs lost); \
            13 failed, then recovered with the previous image.
            """)

    @Option(help: "Simulated CPU count (default: this machine's online CPUs, pinned).")
    var cpus: Int?

    @Option(help: "How many TDs run during the update.")
    var tds = 3

    @Option(help: "Module version the host runs first.")
    var from = BuiltinImages.defaultFrom.description

    @Option(help: "Module version to update to.")
    var to = BuiltinImages.defaultTo.description

    @Option(help: "Folder with module images named tdx_module_X.Y.ZZ.* (default: built-in test images).")
    var images: String?

    @Option(help: "Keys to trust: intel, test, or a key fingerprint (default: test; intel with --images).")
    var trust: String?

    @Option(
        name: .customLong("inject"),
        help: "Make a firmware call fail: STEP:CPU[:STATUS], e.g. install:1, shutdown:0, init:2:TDX_SYS_BUSY.")
    var faults: [String] = []

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

    @Option(help: "Write the update's Chrome trace-event JSON (open in Perfetto) to this file.")
    var trace: String?

    @Option(help: "Write the update as an SVG picture (steps per CPU, TD blackout, TD SEAMCALLs) to this file.")
    var timeline: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        if let cpus, cpus < 1 || cpus > 4096 { throw ValidationError("--cpus must be between 1 and 4096") }
        guard (0...256).contains(tds) else { throw ValidationError("--tds must be between 0 and 256") }
        for version in [from, to] where ModuleVersion(version) == nil {
            throw ValidationError("\(version.debugDescription) is not a version like 1.5.08")
        }
        if let trust, TrustPolicy(argument: trust) == nil {
            throw ValidationError("--trust takes intel, test or a 64-hex-digit key fingerprint")
        }
        for fault in faults {
            do { _ = try StepFault(parsing: fault) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        guard let fromVersion = ModuleVersion(from), let toVersion = ModuleVersion(to) else {
            throw ValidationError("--from and --to take versions like 1.5.08")
        }
        let traceFile: TraceFile?
        do {
            traceFile = try trace.map { path throws(TraceFileError) in try TraceFile(path: path) }
        } catch {
            printError(error.description)
            throw ExitCode(ExitStatus.error)
        }
        let timelineOutput = try TimelineOutput.prepare(timeline, json: json)
        var configuration = HostConfiguration()
        configuration.cpus = cpus.map { .simulated(count: $0) } ?? .online
        configuration.tdCount = tds
        configuration.faults = try faults.map { text throws(StepFaultParseError) in try StepFault(parsing: text) }
        configuration.kernel.recovery = recover
        configuration.kernel.versionRefreshFails = staleVersion
        let policy = trust.flatMap(TrustPolicy.init(argument:)) ?? (images == nil ? .test : .intel)
        configuration.kernel.trust = policy
        let catalog: ImageCatalog
        if let directory = images {
            do {
                catalog = try ImageCatalog(directory: directory, trust: policy)
            } catch {
                throw ValidationError(error.description)
            }
        } else {
            catalog = try SimulationCatalog.builtin(versions: [fromVersion, toVersion])
        }
        let quiet = json
        let simulation = Simulation(
            configuration: configuration, catalog: catalog, from: fromVersion,
            request: UpdateRequest(version: toVersion, force: force, timeout: .seconds(120))
        ) { line in
            if !quiet { print(line) }
        }
        let result: Simulation.Result
        do {
            result = try await simulation.run()
        } catch let error as HostError {
            throw ValidationError(error.description)
        }
        if let traceFile, let procedure = result.procedure {
            do {
                try traceFile.write(try procedure.chromeTraceJSON())
            } catch let error as TraceFileError {
                printError(error.description)
                throw ExitCode(ExitStatus.error)
            }
        }
        try timelineOutput?.write(result, json: json)
        if json {
            try printJSON(SimulationOutput(result, from: from, to: to))
        } else {
            print(SimulationPrinter.render(result))
            if let trace { print("trace: \(trace)") }
            if let timeline { print("timeline: \(timeline)") }
        }
        if result.exitStatus != .success { throw ExitCode(result.exitStatus.rawValue) }
    }
}
