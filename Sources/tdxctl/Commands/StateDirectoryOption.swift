import ArgumentParser
import TDXUpdater

/// `--state-dir DIR`: where the update history lives, when not at the host's
/// `/var/lib/tdxctl` (under `--root`).
struct StateDirectoryOption: ParsableArguments {
    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp(
            "The folder of the update history (history.jsonl), on this machine (default: var/lib/tdxctl under --root).",
            valueName: "DIR"))
    var directory: String?

    /// The journal of the host at `root`.
    func journal(root: String) -> HistoryJournal {
        HistoryJournal(root: root, stateDirectory: directory)
    }
}
