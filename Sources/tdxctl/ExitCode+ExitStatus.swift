import ArgumentParser
import TDXUpdater

extension ExitCode {
    /// The argument parser's exit for one of the tool's statuses (``ExitStatus``).
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
