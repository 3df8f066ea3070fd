import ArgumentParser
import Logging
import TDXUpdater

/// The options every command takes: `--json` and `--log-level`.
struct CommonOptions: ParsableArguments {
    @Flag(help: "Print one JSON object on standard output instead of text (failures too).")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Log to standard error at this level; debug shows every host file read and write and every decision.",
            valueName: "level"))
    var logLevel: Logger.Level = .warning

    /// A logger writing to standard error at `--log-level`.
    var logger: Logger {
        var logger = Logger(label: "tdxctl", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = logLevel
        return logger
    }

    /// Runs `body`; a ``CommandFailure`` it throws is printed (one JSON object on standard
    /// output with `--json`, a line on standard error otherwise) and becomes its exit status.
    func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as CommandFailure {
            throw try report(failure)
        }
    }

    /// ``reporting(_:)`` for async work.
    func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as CommandFailure {
            throw try report(failure)
        }
    }

    private func report(_ failure: CommandFailure) throws -> ExitCode {
        if json {
            try printJSON(failure)
        } else {
            let named = failure.file.map { failure.message.contains($0) } ?? true
            printError(named ? failure.message : "\(failure.file ?? ""): \(failure.message)")
        }
        return ExitCode(failure.exitStatus)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
