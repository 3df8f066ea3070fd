import ArgumentParser
import TDXHost
import TDXTimeline

/// `tdxctl simulate --timeline FILE.svg`: the update's picture (docs/TIMELINE.md), written
/// atomically by `TimelineFile`.
struct TimelineOutput {
    /// Where the picture goes.
    let path: String

    /// Checks that `path` can be written before the simulation runs (so a typo costs no
    /// update). A failure is a `CommandFailure` (`write_failed`, exit status 1).
    static func prepare(_ path: String?, json: Bool) throws -> TimelineOutput? {
        guard let path else { return nil }
        do { try TimelineFile.checkWritable(path) } catch { try report(error, json: json) }
        return TimelineOutput(path: path)
    }

    /// Writes the picture of the simulation's update (or, when no update ran, a picture
    /// saying why). A failure is a `CommandFailure` (`write_failed`, exit status 1).
    func write(_ result: Simulation.Result, json: Bool) throws {
        let timeline: Timeline
        if let attempt = result.attempt {
            timeline = result.host.timeline(of: attempt)
        } else {
            timeline = Timeline(
                outcome: .init(name: result.update.result.name, severity: .warning),
                cpus: result.host.cpus.cpus.map(\.id), steps: [],
                notes: ["no update ran: \(result.update.message)"])
        }
        do { try TimelineFile.write(TimelineSVG.render(timeline), to: path) } catch {
            try Self.report(error, json: json)
        }
    }

    private static func report(_ error: TimelineWriteError, json: Bool) throws(CommandFailure) -> Never {
        throw CommandFailure(.writeFailed, error.description, file: json ? error.path : nil)
    }
}
