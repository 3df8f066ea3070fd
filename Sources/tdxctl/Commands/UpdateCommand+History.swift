import Foundation
import TDXSysfs
import TDXUpdater

extension UpdateCommand {
    /// Appends the run's record to the host's update history. A dry run (refused or not)
    /// changes nothing, the journal included, so that check runs do not bury the updates. A journal that cannot be written is a warning on stderr: it
    /// never changes how the update itself ended.
    func recordHistory(
        _ report: UpdateReport, catalog: ImageCatalog, started: Date, duration: Duration
    ) {
        guard !dryRun else { return }
        let journal = state.journal(root: host.root)
        let record = HistoryRecord(
            update: report, catalog: catalog, started: started, duration: duration,
            hostname: HistoryRecord.hostname(of: RootDirectoryHostFiles(root: host.root)))
        do {
            try journal.append(record)
        } catch {
            printError("warning: the update was not recorded in the history: \(error)")
        }
    }
}
