import ArgumentParser
import TDXImage
import TDXSysfs
import TDXUpdater

/// `tdxctl list`: every image found, labelled for this host, and the one `update` would pick.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List module images with their labels for this host and the one `update` would install.",
        discussion: """
            Each image: version, debug, verified, compatible (every CPU's family/model in the image's \
            CPUID table and the P-SEAMLDR accepted by mapping_file.json), TD-preserving capable (same \
            major.minor as the running module, not older, running module not below the release's minimum), \
            current, and the reasons `update` would not pick it. The one marked * is what `update` installs.
            """)

    @OptionGroup var host: HostRootOption
    @OptionGroup var selection: ImageSelectionOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let files = try common.reporting { try host.files(logger: common.logger) }
        let catalog = try common.reporting { try selection.catalog() }
        let session = HostSession(files, timeout: HostDeadline.inspection)
        let status = HostProbe(files: session.files).read()
        let report = ListReport(catalog: catalog, status: status, allowDebug: selection.allowDebug)
        if common.json {
            try printJSON(report)
        } else {
            report.lines.forEach { print($0) }
        }
        if let timeout = session.timeoutMessage {
            printError(timeout)
            throw ExitCode(ExitStatus.error)
        }
        if status.noTDXReason != nil { throw ExitCode(ExitStatus.noTDX) }
    }
}
