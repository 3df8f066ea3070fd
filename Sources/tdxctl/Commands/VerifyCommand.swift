import ArgumentParser
import TDXImage
import TDXUpdater

/// `tdxctl verify FILE`: the operator's gate before an update. Exit 0 only when the image is
/// well-formed and its checksum, signature, module hash and key trust all pass.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a TDX module image: checksum, signature, module hash and trusted key.",
        discussion: "Exits 0 only when every check passes; otherwise 1, naming the failing checks.")

    @OptionGroup var options: ImageReadOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let report = try common.reporting { try options.loadReport() }
        let failed = report.verification.failedChecks
        if common.json {
            try printJSON(report)
        } else {
            report.humanLines.forEach { print($0) }
            print(
                failed.isEmpty
                    ? "verified: every check passed"
                    : "NOT verified: failed \(failed.map(\.rawValue).joined(separator: ", "))")
        }
        if !failed.isEmpty {
            throw ExitCode(ExitStatus.error)
        }
    }
}
