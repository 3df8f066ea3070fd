import TDXImage

/// Writes the seed corpus: small images made by the project's test signer (never Intel
/// blobs), so the fuzzer starts from inputs that pass every check.
func writeSeeds(to directory: String) throws {
    let signer = TestImageSigner()
    let seeds: [(String, [UInt8])] = [
        ("v2-1page", try signer.makeImage(modulePages: 1, format: .v2).bytes),
        ("v1-1page", try signer.makeImage(modulePages: 1, format: .v1).bytes),
        (
            "v2-2pages-handoff",
            try signer.makeImage(
                version: ModuleVersion(major: 2, minor: 0, update: 8), cpuidTable: [0xA06D0, 0xA06E0], moduleHV: 2,
                minUpdateHV: 1, noDowngrade: true, numHandoffPages: 24, debug: true, modulePages: 2, format: .v2
            ).bytes
        ),
        ("sigstruct", try signer.makeImage(modulePages: 1).sigstruct.bytes),
    ]
    for (name, bytes) in seeds {
        try ImageFile.write(bytes, to: directory + "/" + name)
    }
}
