import ArgumentParser
import TDXImage
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
