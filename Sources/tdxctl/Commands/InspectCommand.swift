import ArgumentParser
import TDXImage

/// `tdxctl inspect FILE`: shows what an image is (format, version, SVN, CPUs, handoff fields,
/// key) and the result of every check, without judging it: exit 0 whenever the file parses.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a TDX module image's header, sigstruct fields and check results.",
        discussion: "Exits 0 when the file is a well-formed image (use 'verify' to require valid checks), 1 otherwise.")

    @OptionGroup var options: ImageReadOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let report = try common.reporting { try options.loadReport() }
        if common.json {
            try printJSON(report)
        } else {
            report.humanLines.forEach { print($0) }
        }
    }
}
