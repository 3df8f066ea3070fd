import TDXImage

/// Everything `tdxctl inspect` and `tdxctl verify` say about one image, in the shape of their
/// `--json` output (snake_case keys; `version` and `trusted_key` are null when unknown).
struct ImageReport: Encodable {
    let file: String
    let image: ModuleImage
    let verification: VerificationReport
    let version: ModuleVersion?
    /// Where the version label (file name, sigstruct) contradicts the signed facts.
    let claimConflicts: [VersionClaimConflict]

    /// Parses and verifies the image at `path`, and checks its version label.
    init(path: String, trust: TrustPolicy) throws(ImageError) {
        file = path
        image = try ModuleImage(contentsOf: path)
        verification = image.verify(trusting: trust)
        version = image.version(fileName: path)
        claimConflicts =
            VersionClaim(path: path, sigstruct: image.sigstruct, signatureValid: verification.signatureValid)
            .map(VersionClaimCheck.conflicts(of:)) ?? []
    }

    /// Every check passed and the version label agrees with the signed facts.
    var verified: Bool { verification.allPassed && claimConflicts.isEmpty }

    enum CodingKeys: String, CodingKey {
        case file, format, length, checksum, checksumValid = "checksum_valid", modulePages = "module_pages"
        case svn, svnMajor = "svn_major", svnMinor = "svn_minor", date, dateRaw = "date_raw"
        case moduleType = "module_type", debug, cpuidTable = "cpuid_table", moduleHV = "module_hv"
        case minUpdateHV = "min_update_hv", noDowngrade = "no_downgrade", numHandoffPages = "num_handoff_pages"
        case keyFingerprint = "key_fingerprint", exponent, seamHash = "seamhash", moduleHash = "module_hash"
        case signatureValid = "signature_valid", signatureError = "signature_error"
        case moduleHashValid = "module_hash_valid", trusted, trustedKey = "trusted_key"
        case failedChecks = "failed_checks", verified, version
        case claimConflicts = "version_claim_conflicts", claimConflictCodes = "version_claim_conflict_codes"
    }

    func encode(to encoder: any Encoder) throws {
        let sigstruct = image.sigstruct
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(image.format.rawValue, forKey: .format)
        try container.encode(image.length, forKey: .length)
        try container.encode(image.storedChecksum, forKey: .checksum)
        try container.encode(verification.checksumValid, forKey: .checksumValid)
        try container.encode(image.modulePages, forKey: .modulePages)
        try container.encode(sigstruct.svn, forKey: .svn)
        try container.encode(sigstruct.svnMajor, forKey: .svnMajor)
        try container.encode(sigstruct.svnMinor, forKey: .svnMinor)
        try container.encode(sigstruct.date.description, forKey: .date)
        try container.encode(sigstruct.date.rawValue, forKey: .dateRaw)
        try container.encode(sigstruct.moduleType, forKey: .moduleType)
        try container.encode(sigstruct.isDebug, forKey: .debug)
        try container.encode(sigstruct.cpuidTable, forKey: .cpuidTable)
        try container.encode(sigstruct.moduleHV, forKey: .moduleHV)
        try container.encode(sigstruct.minUpdateHV, forKey: .minUpdateHV)
        try container.encode(sigstruct.noDowngrade, forKey: .noDowngrade)
        try container.encode(sigstruct.numHandoffPages, forKey: .numHandoffPages)
        try container.encode(sigstruct.keyFingerprint.hex, forKey: .keyFingerprint)
        try container.encode(sigstruct.exponent, forKey: .exponent)
        try container.encode(Array(sigstruct.seamHash).hexString, forKey: .seamHash)
        try container.encode(verification.moduleHash.hexString, forKey: .moduleHash)
        try container.encode(verification.signatureValid, forKey: .signatureValid)
        try container.encode(verification.signatureFailure?.description, forKey: .signatureError)
        try container.encode(verification.moduleHashValid, forKey: .moduleHashValid)
        try container.encode(verification.trusted, forKey: .trusted)
        try container.encode(verification.trustedKey?.name, forKey: .trustedKey)
        try container.encode(verification.failedChecks.map(\.rawValue), forKey: .failedChecks)
        try container.encode(verified, forKey: .verified)
        try container.encode(version?.description, forKey: .version)
        try container.encode(claimConflicts.map(\.description), forKey: .claimConflicts)
        try container.encode(claimConflicts.map(\.code), forKey: .claimConflictCodes)
    }

    /// Short human-readable lines: what the image is, then one line per check.
    var humanLines: [String] {
        let sigstruct = image.sigstruct
        let formatName = image.format == .v1 ? "v1 tdx_blob" : "v2 tdx_image"
        let cpus = sigstruct.cpuidTable.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
        let debug = sigstruct.isDebug ? "DEBUG" : "production"
        let keyName = verification.trustedKey.map { " (\($0.name))" } ?? " (untrusted)"
        return [
            "\(file): \(formatName), \(image.length) bytes, \(image.modulePages) module pages",
            "  version      \(version?.description ?? "unknown")",
            "  svn          \(hex(sigstruct.svn, width: 4)) (major \(sigstruct.svnMajor), minor \(sigstruct.svnMinor))",
            "  date         \(sigstruct.date)",
            "  module type  \(hex(sigstruct.moduleType, width: 8)) (\(debug))",
            "  cpuid table  \(cpus.isEmpty ? "(empty)" : cpus)",
            "  handoff      module_hv \(sigstruct.moduleHV), min_update_hv \(sigstruct.minUpdateHV), "
                + "no_downgrade \(sigstruct.noDowngrade ? "yes" : "no"), \(sigstruct.numHandoffPages) handoff pages",
            "  key          \(sigstruct.keyFingerprint.hex)\(keyName)",
            "  checksum     \(verdict(verification.checksumValid, detail: "word sum \(hex(verification.wordSum, width: 4))"))",
            "  signature    \(verdict(verification.signatureValid, detail: verification.signatureFailure?.description))",
            "  module hash  \(verdict(verification.moduleHashValid, detail: "SHA-384 differs from seamhash"))",
            "  trusted      \(verification.trusted ? "yes" : "NO (key not in the trust list)")",
            "  label        "
                + (claimConflicts.isEmpty
                    ? "agrees with the signed SVN and date"
                    : "CONTRADICTED: " + claimConflicts.map(\.description).joined(separator: "; ")),
        ]
    }
}

func hex(_ value: some BinaryInteger, width: Int) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

private func verdict(_ passed: Bool, detail: String?) -> String {
    passed ? "ok" : "FAILED" + (detail.map { " (\($0))" } ?? "")
}

extension Array where Element == UInt8 {
    var hexString: String { map { String(hex($0, width: 2).dropFirst(2)) }.joined() }
}
