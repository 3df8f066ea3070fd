import ArgumentParser
import TDXImage

/// `--trust intel|test|FINGERPRINT`: which signing keys `inspect` and `verify` accept.
struct TrustArgument: ExpressibleByArgument {
    let policy: TrustPolicy

    init?(argument: String) {
        guard let policy = TrustPolicy(argument: argument) else { return nil }
        self.policy = policy
    }

    static let intel = TrustArgument(argument: "intel")!
}

/// `--format v1|v2` for the image-writing commands.
extension ImageFormat: ExpressibleByArgument {}

/// Options every image-reading command shares.
struct ImageReadOptions: ParsableArguments {
    @Argument(help: "The image file (v1 tdx_blob or v2 tdx_image).")
    var file: String

    @Option(
        help: ArgumentHelp(
            "Keys to trust: 'intel' (Intel's production key), 'test' (this project's test key), or a "
                + "64-hex-digit key fingerprint (SHA-256 of the sigstruct's modulus bytes).",
            valueName: "intel|test|FINGERPRINT"))
    var trust: TrustArgument = .intel

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    /// Reads, parses and verifies `file`; an unreadable or malformed file becomes the
    /// command's failure (text or JSON, exit 1).
    func loadReport() throws -> ImageReport {
        do {
            return try ImageReport(path: file, trust: trust.policy)
        } catch {
            throw try CommandFailure.report(error, file: file, json: json)
        }
    }
}
