import ArgumentParser
import TDXImage
import TDXUpdater

/// `tdxctl verify FILE`: the operator's gate before an update. Exit 0 only when the image is
/// well-formed and its checksum, signature, module hash and key trust all pass.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a TDX module image: checksum, signature, module hash, trusted key and version label.",
        discussion: """
            Exits 0 only when every check passes and the version the file name (or sigstruct) gives agrees \
            with the signed SVN and build date (for Intel's key: with Intel's published release of that \
            version); otherwise 1, naming what failed.
            """)

    @OptionGroup var options: ImageReadOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let report = try common.reporting { try options.loadReport() }
        let failed =
            report.verification.failedChecks.map(\.rawValue) + (report.claimConflicts.isEmpty ? [] : ["version"])
        if common.json {
            try printJSON(report)
        } else {
            report.humanLines.forEach { print($0) }
            print(
                failed.isEmpty
                    ? "verified: every check passed"
                    : "NOT verified: failed \(failed.joined(separator: ", "))")
        }
        if !failed.isEmpty {
            throw ExitCode(ExitStatus.error)
        }
    }
}
