import ArgumentParser
import TDXImage
import TDXSysfs
import TDXUpdater

/// Where images come from and which are acceptable: shared by `list` and `update`.
struct ImageSelectionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Folder with module images (required): a clone of Intel's intel/confidential-computing.tdx.tdx-module.binaries "
                + "(mapping_file.json, "
                + "joined_files/, separate_files/) or a flat folder of .blob, v2 images and .bin+.sigstruct pairs. "
                + "Searched four levels deep without following links or leaving its file system.",
            valueName: "DIR"))
    var images: String

    @Option(
        help: ArgumentHelp(
            "Release metadata to use instead of DIR/mapping_file.json (Intel's format).", valueName: "FILE"))
    var mapping: String?

    @Option(
        help: ArgumentHelp(
            "Keys to trust: 'intel' (Intel's production key), 'test' (this project's test key), or a "
                + "64-hex-digit key fingerprint.",
            valueName: "intel|test|FINGERPRINT"))
    var trust: TrustPolicy = .intel

    @Flag(help: "Consider debug modules (never chosen otherwise).")
    var allowDebug = false

    /// Reads and judges the images; a folder that cannot be read is the command's failure.
    func catalog() throws(CommandFailure) -> ImageCatalog {
        do {
            return try ImageCatalog(directory: images, mappingPath: mapping, trust: trust)
        } catch {
            throw CommandFailure(.catalogUnusable, error.description, file: images)
        }
    }
}

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
