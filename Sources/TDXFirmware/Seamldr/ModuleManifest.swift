import TDXImage

/// P-SEAMLDR's view of a sigstruct page: TDXImage's parsed ``SigStruct`` plus the extra rules
/// P-SEAMLDR's `check_seam_sigstruct` applies. Anything that fails here is `PSEAMLDR_EBADSIG`.
struct ModuleManifest: Hashable, Sendable {
    let sigstruct: SigStruct

    /// Parses the first 2048 bytes of a sigstruct page; the error is P-SEAMLDR's reason for EBADSIG.
    static func parse(sigstructPage: [UInt8]) -> Result<ModuleManifest, Refusal> {
        let bytes = Array(sigstructPage.prefix(SigStruct.size))
        let sigstruct: SigStruct
        do {
            sigstruct = try SigStruct(parsing: bytes)
        } catch {
            return .failure(Refusal(.seamldrBadSignature, "malformed sigstruct: \(error)"))
        }
        if let problem = extraFormatProblem(sigstruct) {
            return .failure(Refusal(.seamldrBadSignature, problem))
        }
        return .success(ModuleManifest(sigstruct: sigstruct))
    }

    /// The rules TDXImage's parser leaves to the loader.
    private static func extraFormatProblem(_ sigstruct: SigStruct) -> String? {
        if sigstruct.exponent != 0x10001 { return "RSA exponent \(sigstruct.exponent), P-SEAMLDR requires 65537" }
        if sigstruct.moduleType & 0x7FFF_FFFF != 0 {
            return "module_type reserved bits set (0x\(String(sigstruct.moduleType, radix: 16)))"
        }
        if sigstruct.attributes != 0 {
            return "sigstruct attributes 0x\(String(sigstruct.attributes, radix: 16)) not 0"
        }
        if sigstruct.minUpdateHV > sigstruct.moduleHV {
            return "min_update_hv \(sigstruct.minUpdateHV) is larger than module_hv \(sigstruct.moduleHV)"
        }
        return nil
    }

    static func == (lhs: ModuleManifest, rhs: ModuleManifest) -> Bool { lhs.sigstruct.bytes == rhs.sigstruct.bytes }
    func hash(into hasher: inout Hasher) { hasher.combine(sigstruct.bytes) }

    var seamSVN: UInt16 { sigstruct.svn }
    var seamHash: [UInt8] { Array(sigstruct.seamHash) }
    var handoff: HandoffVersions {
        HandoffVersions(
            moduleHV: sigstruct.moduleHV, minUpdateHV: sigstruct.minUpdateHV, noDowngrade: sigstruct.noDowngrade,
            numHandoffPages: sigstruct.numHandoffPages)
    }
    /// The version recorded in the sigstruct; 0.0.0 when absent (1.5 releases do not record it).
    var version: ModuleVersion { sigstruct.embeddedVersion ?? ModuleVersion(major: 0, minor: 0, update: 0) }
}
