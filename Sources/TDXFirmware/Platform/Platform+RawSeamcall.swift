/// The register-level SEAMCALL: leaf in RAX, inputs in RCX/RDX/R8/R9, status back in RAX, as the kernel's
/// `seamcall()` sees it. Each leaf maps onto the typed method of the same name.
extension Platform {
    /// Issues SEAMCALL `leaf` on `lp` with `input` registers.
    ///
    /// Register use: SEAMLDR.INFO RCX = PA of a 256-byte aligned buffer in ``memory`` (filled on success);
    /// SEAMLDR.INSTALL RCX = PA of SEAMLDR_PARAMS; TDH.SYS.INIT RCX = attributes; TDH.SYS.SHUTDOWN RCX =
    /// handoff version; TDH.SYS.RD RDX = field id, value returned in R8; TDH.SYS.KEY.CONFIG returns the
    /// informational status in RAX. TD leaves take RCX = TDR address: TDH.MNG.CREATE RCX = max vCPUs and
    /// returns the TDR in RCX; TDH.VP.ENTER/TDH.VP.RD RDX = vCPU index (TDH.VP.RD: R8 = field, value in R8);
    /// TDH.MEM.PAGE.AUG RDX = GPA; TDH.MEM.RD RDX = GPA, R8 = offset, value in R8. Leaves not modelled
    /// get `TDX_OPERAND_INVALID` on RAX (operand 0), as the module's dispatcher answers unknown leaves.
    /// - Returns: the status and output registers; never throws.
    public func seamcall(_ leaf: SeamcallLeaf, lp: Int, _ input: SeamcallRegisters = SeamcallRegisters())
        -> SeamcallResult
    {
        var output = SeamcallRegisters()
        do throws(SeamcallFailure) {
            switch leaf {
            case .seamldrInfo:
                let info = try seamldrInfo(lp: lp)
                guard input.rcx % 256 == 0, memory.isValidPage(input.rcx & ~0xFFF),
                    memory.write(info.bytes, at: input.rcx)
                else {
                    return SeamcallResult(status: .seamldrBadParam, output: output)
                }
            case .seamldrInstall: try seamldrInstall(lp: lp, paramsAddress: input.rcx)
            case .sysInit: try sysInit(lp: lp, attributes: input.rcx)
            case .sysLPInit: try sysLPInit(lp: lp)
            case .sysConfig: try sysConfig(lp: lp)
            case .sysKeyConfig: return SeamcallResult(status: try sysKeyConfig(lp: lp), output: output)
            case .sysShutdown: try sysShutdown(lp: lp, handoffVersion: input.rcx)
            case .sysLPShutdown: try sysLPShutdown(lp: lp)
            case .sysUpdate: try sysUpdate(lp: lp)
            case .sysRead: output.r8 = try sysRead(lp: lp, field: MetadataField(rawValue: input.rdx))
            case .mngCreate: output.rcx = try tdCreate(lp: lp, maxVCPUs: Int(clamping: input.rcx)).rawValue
            case .mngInit: try tdInit(lp: lp, td: TDHandle(rawValue: input.rcx))
            case .vpCreate: output.rdx = UInt64(try vpCreate(lp: lp, td: TDHandle(rawValue: input.rcx)))
            case .mrFinalize: try mrFinalize(lp: lp, td: TDHandle(rawValue: input.rcx))
            case .memPageAug: try memPageAug(lp: lp, td: TDHandle(rawValue: input.rcx), gpa: input.rdx)
            case .vpEnter: try vpEnter(lp: lp, td: TDHandle(rawValue: input.rcx), vcpu: Int(clamping: input.rdx))
            case .vpRead:
                guard let field = VCPUField(rawValue: input.r8) else {
                    return SeamcallResult(status: .metadataFieldIDIncorrect, output: output)
                }
                output.r8 = try vpRead(
                    lp: lp, td: TDHandle(rawValue: input.rcx), vcpu: Int(clamping: input.rdx), field: field)
            case .memRead:
                output.r8 = try memRead(
                    lp: lp, td: TDHandle(rawValue: input.rcx), gpa: input.rdx, offset: Int(clamping: input.r8))
            default:
                return SeamcallResult(status: leaf.isSeamldr ? .seamldrBadParam : .operandInvalid, output: output)
            }
        } catch {
            return SeamcallResult(status: error.status, output: SeamcallRegisters())
        }
        return SeamcallResult(status: .success, output: output)
    }
}
