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

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let image: ModuleImage
        var current = bin
        do {
            let module = try ImageFiles.read(bin, role: .moduleBinary)
            current = sigstruct
            let sigstructBytes = try ImageFiles.read(sigstruct, role: .sigstruct)
            image = try ImageBuilder.join(module: module, sigstruct: sigstructBytes, format: format)
            current = output
            try ImageFiles.write(image.bytes, to: output)
        } catch {
            throw try CommandFailure.report(error, file: current, json: json)
        }
        try WrittenImage(output: output, image: image).print(json: json)
    }
}
