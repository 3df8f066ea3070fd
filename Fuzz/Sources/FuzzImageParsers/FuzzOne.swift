import TDXImage

/// Feeds one input to every parser. Anything but a thrown ``ImageError`` (a trap, an
/// out-of-bounds access, a sanitizer report) is a finding.
func fuzzOne(_ bytes: [UInt8]) {
    _ = try? ModuleImage(parsingV1: bytes)
    _ = try? ModuleImage(parsingV2: bytes)
    if let image = try? ModuleImage(parsing: bytes) {
        // Rare (the input must carry a well-formed sigstruct); exercises hashing and RSA on
        // attacker-chosen keys and signatures.
        let report = image.verify(trusting: .test)
        _ = report.failedChecks
        _ = try? ImageBuilder.convert(image, to: image.format == .v1 ? .v2 : .v1)
        _ = image.version(fileName: nil)
    }
    var sigstruct = Array(bytes.prefix(SigStruct.size))
    sigstruct += [UInt8](repeating: 0, count: SigStruct.size - sigstruct.count)
    if let parsed = try? SigStruct(parsing: sigstruct) {
        _ = parsed.date.description
        _ = parsed.keyFingerprint
        _ = SignatureCheck.failure(of: parsed)
    }
    _ = ImageChecksum.wordSum(of: bytes)
    let text = String(decoding: bytes.prefix(64), as: UTF8.self)
    _ = ModuleVersion(fileName: text)
    _ = TrustPolicy(argument: text)
}
