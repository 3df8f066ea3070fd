import ArgumentParser
import TDXSysfs
import TDXUpdater

/// `--root DIR`: the host whose files are read (and, for `update`, written).
struct HostRootOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The host's root directory: '/' for this machine, or a folder holding a copy of a host's proc/ and sys/.",
            valueName: "DIR"))
    var root: String = "/"

    var files: RootDirectoryHostFiles { RootDirectoryHostFiles(root: root) }
}

/// `tdxctl status`: what TDX module and P-SEAMLDR run, whether an update is possible, and
/// the CPUs an image must support. Exits 20 when the machine has no usable TDX module.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the running TDX module, P-SEAMLDR, remaining updates, update support and CPUs.",
        discussion: """
            Reads proc/cpuinfo, sys/devices/system/cpu/{online,present}, sys/devices/faux/tdx_host/ \
            and sys/class/firmware/ under --root, in the mainline layout or the older ones \
            (tdx_host/seamldr/, seamldr_upload). The P-SEAMLDR attributes are root-only. \
            Exit status: 0, or 20 when the machine has no TDX or its module is not running. \
            --format prometheus prints metrics for node_exporter's textfile collector, with the last \
            update from the history (see `tdxctl history`), and exits 0 whenever it printed them.
            """)

    @OptionGroup var host: HostRootOption
    @OptionGroup var state: StateDirectoryOption

    @Flag(help: "Print one JSON object instead of text (same as --format json).")
    var json = false

    @Option(
        help: ArgumentHelp(
            "text, json (same as --json), or prometheus (node_exporter's textfile collector format).",
            valueName: "text|json|prometheus"))
    var format: StatusFormat?

    func validate() throws {
        if json, let format, format != .json { throw ValidationError("--json conflicts with --format \(format)") }
    }

    func run() throws {
        let session = HostSession(host.files, timeout: HostDeadline.inspection)
        let status = HostProbe(files: session.files).read()
        let report = StatusReport(status)
        switch format ?? (json ? .json : .text) {
        case .json: try printJSON(report)
        case .text: report.lines.forEach { print($0) }
        case .prometheus:
            printMetrics(report)
            return
        }
        if let timeout = session.timeoutMessage {
            printError(timeout)
            throw ExitCode(ExitStatus.error)
        }
        if !report.tdx { throw ExitCode(ExitStatus.noTDX) }
    }
}
