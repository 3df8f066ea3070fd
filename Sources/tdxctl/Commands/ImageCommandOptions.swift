import ArgumentParser
import TDXImage

/// Options every image-reading command shares.
struct ImageReadOptions: ParsableArguments {
    @Argument(help: "The image file (v1 tdx_blob or v2 tdx_image).")
    var file: String

    @Option(
        help: ArgumentHelp(
            "Keys to trust: 'intel' (Intel's production key), 'test' (this project's test key), or a "
                + "64-hex-digit key fingerprint (SHA-256 of the sigstruct's modulus bytes).",
            valueName: "intel|test|FINGERPRINT"))
    var trust: TrustPolicy = .intel

    /// Reads, parses and verifies `file`; an unreadable or malformed file is the command's
    /// failure (exit 1).
    func loadReport() throws(CommandFailure) -> ImageReport {
        do {
            return try ImageReport(path: file, trust: trust)
        } catch {
            throw CommandFailure(imageError: error, file: file)
        }
    }
}
