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
            Exit status: 0, or 20 when the machine has no TDX or its module is not running.
            """)

    @OptionGroup var host: HostRootOption

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let session = HostSession(host.files, timeout: HostDeadline.inspection)
        let status = HostProbe(files: session.files).read()
        let report = StatusReport(status)
        if json {
            try printJSON(report)
        } else {
            report.lines.forEach { print($0) }
        }
        if let timeout = session.timeoutMessage {
            printError(timeout)
            throw ExitCode(ExitStatus.error)
        }
        if !report.tdx { throw ExitCode(ExitStatus.noTDX) }
    }
}
