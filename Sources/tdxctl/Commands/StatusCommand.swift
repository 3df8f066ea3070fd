import ArgumentParser
import Logging
import SystemPackage
import SystemSupport
import TDXSysfs
import TDXUpdater

/// `tdxctl status`: what TDX module and P-SEAMLDR run, whether an update is possible, and
/// the CPUs an image must support. Exits 20 when the machine has no usable TDX module.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the running TDX module, P-SEAMLDR, remaining updates, update support and CPUs.",
        discussion: """
            Reads proc/cpuinfo, sys/devices/system/cpu/{online,present}, sys/devices/faux/tdx_host/ \
            and sys/class/firmware/ under --root, in the Linux 7.2 layout or the older ones \
            (tdx_host/seamldr/, seamldr_upload). The P-SEAMLDR attributes are root-only. \
            Exit status: 0, or 20 when the machine has no TDX or its module is not running. \
            --format prometheus prints metrics for node_exporter's textfile collector, with the last \
            update from the history (see `tdxctl history`), and exits 0 whenever it printed them.
            """)

    @OptionGroup var host: HostRootOption
    @OptionGroup var common: CommonOptions
    @OptionGroup var state: StateDirectoryOption

    @Option(
        help: ArgumentHelp(
            "text, json (same as --json), or prometheus (node_exporter's textfile collector format).",
            valueName: "text|json|prometheus"))
    var format: StatusFormat?

    func validate() throws {
        if common.json, let format, format != .json {
            throw ValidationError("--json conflicts with --format \(format)")
        }
    }

    func run() throws {
        let files = try common.reporting { try host.files(logger: common.logger) }
        let session = HostSession(files, timeout: HostDeadline.inspection)
        let status = HostProbe(files: session.files).read()
        let report = StatusReport(status)
        switch format ?? (common.json ? .json : .text) {
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
        if let reason = status.noTDXReason {
            common.logger.debug("no TDX: \(reason.code)")
            throw ExitCode(ExitStatus.noTDX)
        }
    }
}
