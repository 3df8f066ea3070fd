import ArgumentParser
import TDXUpdater

/// `tdxctl history`: every `tdxctl update` recorded on the host, newest last.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the updates tdxctl made (or refused) on this host, newest last.",
        discussion: """
            Reads the journal that every `tdxctl update` appends to (except --dry-run): \
            var/lib/tdxctl/history.jsonl under --root, or history.jsonl in --state-dir. A line an \
            interrupted write left incomplete is reported as a warning (on stderr, and under "warnings" \
            with --json) and skipped; the records around it are shown. \
            Exit status: 0, or 1 when the journal exists but cannot be read.
            """)

    @OptionGroup var host: HostRootOption
    @OptionGroup var state: StateDirectoryOption

    @Option(help: ArgumentHelp("Show only the newest N records.", valueName: "N"))
    var limit: Int?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let journal = state.journal(root: host.root)
        var contents = try common.reporting { () throws -> HistoryContents in
            do {
                return try journal.read()
            } catch {
                throw CommandFailure(
                    .historyUnreadable, "cannot read the update history: \(error)", file: journal.path)
            }
        }
        if let limit { contents = contents.suffix(limit) }
        contents.warnings.forEach { printError("warning: \($0)") }
        if common.json {
            try printJSON(contents)
        } else if contents.records.isEmpty {
            print("no updates recorded in \(journal.path)")
        } else {
            contents.lines.forEach { print($0) }
        }
    }
}
