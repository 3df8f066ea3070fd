import TDXImage

/// What `convert` and `join` print with `--json`.
struct WrittenImage: Encodable {
    let output: String
    let format: String
    let length: Int
    let modulePages: Int
    let keyFingerprint: String

    init(output: String, image: ModuleImage) {
        self.output = output
        format = image.format.rawValue
        length = image.length
        modulePages = image.modulePages
        keyFingerprint = image.sigstruct.keyFingerprint.hex
    }

    enum CodingKeys: String, CodingKey {
        case output, format, length, modulePages = "module_pages", keyFingerprint = "key_fingerprint"
    }

    func print(json: Bool) throws {
        if json {
            try printJSON(self)
        } else {
            Swift.print("wrote \(output): \(format) image, \(length) bytes, \(modulePages) module pages")
        }
    }
}
