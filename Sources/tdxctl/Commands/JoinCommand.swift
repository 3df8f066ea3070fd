import ArgumentParser
import TDXImage

/// `tdxctl join BIN SIGSTRUCT -o OUT`: builds an image from Intel's separate module binary
/// and sigstruct, as `blob_join.sh` does for v1, or as the v2 image mainline Linux loads.
struct JoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Build a TDX module image from a .bin module and its .sigstruct.")

    @Argument(help: "The module binary (a multiple of 4 KiB).")
    var bin: String

    @Argument(help: "The 2048-byte sigstruct.")
    var sigstruct: String

    @Option(name: .shortAndLong, help: "Where to write the image.")
    var output: String

    @Option(help: "The format to write: v2 (mainline Linux) or v1 (Intel's published blobs).")
    var format: ImageFormat = .v2

    @OptionGroup var common: CommonOptions

    func run() throws {
        let image = try common.reporting { () throws -> ModuleImage in
            var current = bin
            let image: ModuleImage
            do {
                let module = try ImageFiles.read(bin, role: .moduleBinary)
                current = sigstruct
                let sigstructBytes = try ImageFiles.read(sigstruct, role: .sigstruct)
                image = try ImageBuilder.join(module: module, sigstruct: sigstructBytes, format: format)
            } catch {
                throw CommandFailure(imageError: error, file: current)
            }
            do {
                try ImageFiles.write(image.bytes, to: output)
            } catch {
                throw CommandFailure(.writeFailed, "\(error)", file: output)
            }
            return image
        }
        try WrittenImage(output: output, image: image).print(json: common.json)
    }
}
