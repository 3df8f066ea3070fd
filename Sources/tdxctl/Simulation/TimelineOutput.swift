import ArgumentParser
import TDXHost
import TDXTimeline

/// `tdxctl simulate --timeline FILE.svg`: the update's picture (docs/TIMELINE.md), written
/// by ``TimelineFile`` (atomically, so a reader never sees half a picture and a failed
/// write leaves any earlier picture in place).
struct TimelineOutput {
    /// Where the picture goes.
    let path: String

    /// Checks that `path` can be written before the simulation runs (so a typo costs no
    /// update). A failure is the command's failure (text or JSON), exit status 1.
    static func prepare(_ path: String?) throws(CommandFailure) -> TimelineOutput? {
        guard let path else { return nil }
        do { try TimelineFile.checkWritable(path) } catch { throw failure(error) }
        return TimelineOutput(path: path)
    }

    /// Writes the picture of the simulation's update (or, when no update ran, a picture
    /// saying why). A failure is the command's failure, exit status 1.
    func write(_ result: Simulation.Result) throws(CommandFailure) {
        let timeline: Timeline
        if let attempt = result.attempt {
            timeline = result.host.timeline(of: attempt)
        } else {
            timeline = Timeline(
                outcome: .init(name: result.update.result.name, severity: .warning),
                cpus: result.host.cpus.cpus.map(\.id), steps: [],
                notes: ["no update ran: \(result.update.message)"])
        }
        do { try TimelineFile.write(TimelineSVG.render(timeline), to: path) } catch { throw Self.failure(error) }
    }

    private static func failure(_ error: TimelineWriteError) -> CommandFailure {
        CommandFailure(.writeFailed, "\(error)", file: error.path)
    }
}
