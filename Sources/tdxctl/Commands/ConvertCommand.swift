import ArgumentParser
import TDXImage

/// `tdxctl convert IN -o OUT`: re-packs Intel's v1 blob as the v2 image mainline Linux
/// accepts (or back), keeping the sigstruct and module bytes identical.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a TDX module image between v1 (tdx_blob) and v2 (tdx_image).",
        discussion: "The sigstruct and module bytes are copied unchanged, so the signature stays valid.")

    @Argument(help: "The image to convert.")
    var input: String

    @Option(name: .shortAndLong, help: "Where to write the converted image.")
    var output: String

    @Option(help: "The format to write: v2 (mainline Linux) or v1 (Intel's published blobs).")
    var format: ImageFormat = .v2

    @OptionGroup var common: CommonOptions

    func run() throws {
        let converted = try common.reporting { () throws -> ModuleImage in
            let converted: ModuleImage
            do {
                converted = try ImageBuilder.convert(try ModuleImage(contentsOf: input), to: format)
            } catch {
                throw CommandFailure(imageError: error, file: input)
            }
            do {
                try ImageFiles.write(converted.bytes, to: output)
            } catch {
                throw CommandFailure(.writeFailed, "\(error)", file: output)
            }
            return converted
        }
        try WrittenImage(output: output, image: converted).print(json: common.json)
    }
}
