// Values: TDX module 1.5 `tdx_error_codes_defs.h`, P-SEAMLDR `pseamldr_api_defs.h`, Linux `tdx_errno.h`
// (see docs/FIRMWARE.md). Each static's doc names the firmware constant it stands for.

extension SeamcallStatus {
    // MARK: TDX module (compared by class: the upper 32 bits)

    /// `TDX_SUCCESS` (also `PSEAMLDR_SUCCESS`).
    public static let success = SeamcallStatus(rawValue: 0x0000_0000_0000_0000)
    /// `TDX_OPERAND_INVALID`: an input register is invalid; the detail names it (1 = RCX).
    public static let operandInvalid = SeamcallStatus(rawValue: 0xC000_0100_0000_0000)
    /// `TDX_OPERAND_ADDR_RANGE_ERROR`: a physical address operand is out of range.
    public static let operandAddressRangeError = SeamcallStatus(rawValue: 0xC000_0101_0000_0000)
    /// `TDX_OPERAND_BUSY`: a resource is held by another call; retry.
    public static let operandBusy = SeamcallStatus(rawValue: 0x8000_0200_0000_0000)
    /// `TDX_SYS_BUSY`: the module-wide lock is taken, or other LPs are inside the module at shutdown.
    public static let sysBusy = SeamcallStatus(rawValue: 0x8000_0202_0000_0000)
    /// `TDX_RND_NO_ENTROPY`: RDRAND/RDSEED failed; the kernel retries up to 10 times.
    public static let rndNoEntropy = SeamcallStatus(rawValue: 0x8000_0203_0000_0000)
    /// `TDX_SYS_INIT_NOT_PENDING`: TDH.SYS.INIT outside SYSINIT_PENDING (e.g. called twice).
    public static let sysInitNotPending = SeamcallStatus(rawValue: 0xC000_0500_0000_0000)
    /// `TDX_SYS_LP_INIT_NOT_DONE`: this LP has not done TDH.SYS.LP.INIT.
    public static let sysLPInitNotDone = SeamcallStatus(rawValue: 0xC000_0502_0000_0000)
    /// `TDX_SYS_LP_INIT_DONE`: TDH.SYS.LP.INIT twice on one LP.
    public static let sysLPInitDone = SeamcallStatus(rawValue: 0xC000_0503_0000_0000)
    /// `TDX_SYS_NOT_READY`: a non-SYS leaf before the module reached SYS_READY.
    public static let sysNotReady = SeamcallStatus(rawValue: 0xC000_0505_0000_0000)
    /// `TDX_SYS_SHUTDOWN`: the module was shut down; only TDH.SYS.LP.SHUTDOWN still runs.
    public static let sysShutdown = SeamcallStatus(rawValue: 0xC000_0506_0000_0000)
    /// `TDX_SYS_KEY_CONFIG_NOT_PENDING`: TDH.SYS.KEY.CONFIG outside SYSCONFIG_DONE.
    public static let sysKeyConfigNotPending = SeamcallStatus(rawValue: 0xC000_0507_0000_0000)
    /// `TDX_SYS_STATE_INCORRECT`: TDH.SYS.UPDATE before SYS.INIT or before every LP did LP.INIT.
    public static let sysStateIncorrect = SeamcallStatus(rawValue: 0xC000_0508_0000_0000)
    /// `TDX_SYS_INVALID_HANDOFF`: TDH.SYS.UPDATE found no valid handoff data, or its version is out of range.
    public static let sysInvalidHandoff = SeamcallStatus(rawValue: 0xC000_0509_0000_0000)
    /// `TDX_SYS_INCOMPATIBLE_SIGSTRUCT`: the sigstruct's handoff definitions disagree with the module's own.
    public static let sysIncompatibleSigstruct = SeamcallStatus(rawValue: 0xC000_050A_0000_0000)
    /// `TDX_SYS_LP_INIT_NOT_PENDING`: TDH.SYS.LP.INIT before SYS.INIT or after SYS_READY.
    public static let sysLPInitNotPending = SeamcallStatus(rawValue: 0xC000_050B_0000_0000)
    /// `TDX_SYS_CONFIG_NOT_PENDING`: TDH.SYS.CONFIG outside SYSINIT_DONE or before every LP did LP.INIT.
    public static let sysConfigNotPending = SeamcallStatus(rawValue: 0xC000_050C_0000_0000)
    /// `TDX_INCOMPATIBLE_SEAM_CAPABILITIES`: the CPU lacks the SEAMOPS the module needs.
    public static let incompatibleSEAMCapabilities = SeamcallStatus(rawValue: 0xC000_050D_0000_0000)
    /// `TDX_UPDATE_COMPAT_SENSITIVE`: shutdown asked to avoid update-sensitive operations and one is running.
    public static let updateCompatSensitive = SeamcallStatus(rawValue: 0x8000_0512_0000_0000)
    /// `TDX_TD_NON_DEBUG`: a debug-only access to a production TD.
    public static let tdNonDebug = SeamcallStatus(rawValue: 0xC000_0605_0000_0000)
    /// `TDX_LIFECYCLE_STATE_INCORRECT`: the TD's life cycle does not allow this leaf (e.g. not created).
    public static let lifecycleStateIncorrect = SeamcallStatus(rawValue: 0xC000_0607_0000_0000)
    /// `TDX_OP_STATE_INCORRECT`: the TD's operation state does not allow this leaf (build vs runnable).
    public static let opStateIncorrect = SeamcallStatus(rawValue: 0xC000_0608_0000_0000)
    /// `TDX_NO_VCPUS`: the TD has no vCPU.
    public static let noVCPUs = SeamcallStatus(rawValue: 0xC000_0609_0000_0000)
    /// `TDX_VCPU_STATE_INCORRECT`: the vCPU is not in a state that allows this leaf.
    public static let vcpuStateIncorrect = SeamcallStatus(rawValue: 0xC000_0700_0000_0000)
    /// `TDX_MAX_VCPUS_EXCEEDED`: more vCPUs than the TD was created with.
    public static let maxVCPUsExceeded = SeamcallStatus(rawValue: 0xC000_0705_0000_0000)
    /// `TDX_TD_KEYS_NOT_CONFIGURED`: the TD's key is not known to the running module.
    public static let tdKeysNotConfigured = SeamcallStatus(rawValue: 0x8000_0810_0000_0000)
    /// `TDX_KEY_CONFIGURED`: informational; this package's key was already configured.
    public static let keyConfigured = SeamcallStatus(rawValue: 0x0000_0815_0000_0000)
    /// `TDX_EPT_ENTRY_NOT_FREE`: the guest page is already mapped.
    public static let eptEntryNotFree = SeamcallStatus(rawValue: 0xC000_0B02_0000_0000)
    /// `TDX_EPT_ENTRY_FREE`: the guest page is not mapped.
    public static let eptEntryFree = SeamcallStatus(rawValue: 0xC000_0B01_0000_0000)
    /// `TDX_METADATA_FIELD_ID_INCORRECT`: TDH.SYS.RD / TDH.VP.RD with an unknown field id.
    public static let metadataFieldIDIncorrect = SeamcallStatus(rawValue: 0xC000_0C00_0000_0000)

    // MARK: P-SEAMLDR (compared whole)

    /// `PSEAMLDR_EBADPARAM`: bad SEAMLDR_PARAMS (version, reserved, scenario, page count, address).
    public static let seamldrBadParam = SeamcallStatus(rawValue: 0x8000_0000_0000_0000)
    /// `PSEAMLDR_EBADCALL`: the call is not allowed now (already called on this LP in this session,
    /// no remaining updates, or another LP is inside P-SEAMLDR in this model).
    public static let seamldrBadCall = SeamcallStatus(rawValue: 0x8000_0000_0000_0003)
    /// `PSEAMLDR_EBADHANDOFF`: the old module's handoff data is invalid or its version is out of the new range.
    public static let seamldrBadHandoff = SeamcallStatus(rawValue: 0x8000_0000_0000_0004)
    /// `PSEAMLDR_ECLEANUPREQ`: a reload needs SEAMLDR.CLEANUP first.
    public static let seamldrCleanupRequired = SeamcallStatus(rawValue: 0x8000_0000_0000_0005)
    /// `PSEAMLDR_EUNSUPPORTED`: major SEAM SVN 0, or an update across major SVNs.
    public static let seamldrUnsupported = SeamcallStatus(rawValue: 0x8000_0000_0000_0006)
    /// `PSEAMLDR_ENOMEM`: the module does not fit in the SEAM range.
    public static let seamldrNoMemory = SeamcallStatus(rawValue: 0x8000_0000_0001_0002)
    /// `PSEAMLDR_EUNSPECERR`: unspecified platform configuration error.
    public static let seamldrUnspecified = SeamcallStatus(rawValue: 0x8000_0000_0001_0003)
    /// `PSEAMLDR_EUNSUPCPU`: a CPU of the platform is not in the image's CPUID table.
    public static let seamldrUnsupportedCPU = SeamcallStatus(rawValue: 0x8000_0000_0001_0004)
    /// `PSEAMLDR_EBADSIG`: malformed sigstruct, untrusted key, bad signature, or lower SEAM SVN.
    public static let seamldrBadSignature = SeamcallStatus(rawValue: 0x8000_0000_0002_0000)
    /// `PSEAMLDR_EBADHASH`: the module pages do not hash to the sigstruct's SEAMHASH.
    public static let seamldrBadHash = SeamcallStatus(rawValue: 0x8000_0000_0002_0001)
    /// `PSEAMLDR_EINTERRUPT`: interrupted; retry.
    public static let seamldrInterrupted = SeamcallStatus(rawValue: 0x8000_0000_0003_0000)
    /// `PSEAMLDR_ENOENTROPY`: insufficient entropy (the kernel deliberately does not retry this one).
    public static let seamldrNoEntropy = SeamcallStatus(rawValue: 0x8000_0000_0003_0001)

    // MARK: Software-defined (Linux `TDX_SW_ERROR`), compared whole

    /// `TDX_SEAMCALL_VMFAILINVALID`: no SEAM module is ready (none loaded, or P-SEAMLDR blocked it).
    public static let vmFailInvalid = SeamcallStatus(rawValue: 0x8000_FF00_FFFF_0000)
    /// `TDX_SEAMCALL_GP`: SEAMCALL raised #GP (e.g. TDX not enabled).
    public static let generalProtection = SeamcallStatus(rawValue: 0x8000_FF00_0000_000D)
    /// `TDX_SEAMCALL_UD`: SEAMCALL raised #UD (e.g. the LP is not in VMX operation).
    public static let undefinedOpcode = SeamcallStatus(rawValue: 0x8000_FF00_0000_0006)

    static let classNames: [UInt64: String] = [
        0x0000_0000_0000_0000: "TDX_SUCCESS",
        0xC000_0100_0000_0000: "TDX_OPERAND_INVALID",
        0xC000_0101_0000_0000: "TDX_OPERAND_ADDR_RANGE_ERROR",
        0x8000_0200_0000_0000: "TDX_OPERAND_BUSY",
        0x8000_0202_0000_0000: "TDX_SYS_BUSY",
        0x8000_0203_0000_0000: "TDX_RND_NO_ENTROPY",
        0xC000_0500_0000_0000: "TDX_SYS_INIT_NOT_PENDING",
        0xC000_0502_0000_0000: "TDX_SYS_LP_INIT_NOT_DONE",
        0xC000_0503_0000_0000: "TDX_SYS_LP_INIT_DONE",
        0xC000_0505_0000_0000: "TDX_SYS_NOT_READY",
        0xC000_0506_0000_0000: "TDX_SYS_SHUTDOWN",
        0xC000_0507_0000_0000: "TDX_SYS_KEY_CONFIG_NOT_PENDING",
        0xC000_0508_0000_0000: "TDX_SYS_STATE_INCORRECT",
        0xC000_0509_0000_0000: "TDX_SYS_INVALID_HANDOFF",
        0xC000_050A_0000_0000: "TDX_SYS_INCOMPATIBLE_SIGSTRUCT",
        0xC000_050B_0000_0000: "TDX_SYS_LP_INIT_NOT_PENDING",
        0xC000_050C_0000_0000: "TDX_SYS_CONFIG_NOT_PENDING",
        0xC000_050D_0000_0000: "TDX_INCOMPATIBLE_SEAM_CAPABILITIES",
        0x8000_0512_0000_0000: "TDX_UPDATE_COMPAT_SENSITIVE",
        0xC000_0605_0000_0000: "TDX_TD_NON_DEBUG",
        0xC000_0607_0000_0000: "TDX_LIFECYCLE_STATE_INCORRECT",
        0xC000_0608_0000_0000: "TDX_OP_STATE_INCORRECT",
        0xC000_0609_0000_0000: "TDX_NO_VCPUS",
        0xC000_0700_0000_0000: "TDX_VCPU_STATE_INCORRECT",
        0xC000_0705_0000_0000: "TDX_MAX_VCPUS_EXCEEDED",
        0x8000_0810_0000_0000: "TDX_TD_KEYS_NOT_CONFIGURED",
        0x0000_0815_0000_0000: "TDX_KEY_CONFIGURED",
        0xC000_0B01_0000_0000: "TDX_EPT_ENTRY_FREE",
        0xC000_0B02_0000_0000: "TDX_EPT_ENTRY_NOT_FREE",
        0xC000_0C00_0000_0000: "TDX_METADATA_FIELD_ID_INCORRECT",
    ]

    static let wholeValueNames: [UInt64: String] = [
        0x8000_0000_0000_0000: "PSEAMLDR_EBADPARAM",
        0x8000_0000_0000_0003: "PSEAMLDR_EBADCALL",
        0x8000_0000_0000_0004: "PSEAMLDR_EBADHANDOFF",
        0x8000_0000_0000_0005: "PSEAMLDR_ECLEANUPREQ",
        0x8000_0000_0000_0006: "PSEAMLDR_EUNSUPPORTED",
        0x8000_0000_0001_0002: "PSEAMLDR_ENOMEM",
        0x8000_0000_0001_0003: "PSEAMLDR_EUNSPECERR",
        0x8000_0000_0001_0004: "PSEAMLDR_EUNSUPCPU",
        0x8000_0000_0002_0000: "PSEAMLDR_EBADSIG",
        0x8000_0000_0002_0001: "PSEAMLDR_EBADHASH",
        0x8000_0000_0003_0000: "PSEAMLDR_EINTERRUPT",
        0x8000_0000_0003_0001: "PSEAMLDR_ENOENTROPY",
        0x8000_FF00_FFFF_0000: "TDX_SEAMCALL_VMFAILINVALID",
        0x8000_FF00_0000_000D: "TDX_SEAMCALL_GP",
        0x8000_FF00_0000_0006: "TDX_SEAMCALL_UD",
    ]

    /// Every status this model can return, for tests and for parsing names (`--inject STEP:CPU:NAME`).
    public static let allKnown: [SeamcallStatus] =
        (classNames.keys.map(SeamcallStatus.init(rawValue:)) + wholeValueNames.keys.map(SeamcallStatus.init(rawValue:)))
        .sorted { $0.rawValue < $1.rawValue }

    /// Looks a status up by its firmware name (`TDX_SYS_BUSY`, `PSEAMLDR_EBADSIG`) or parses a hex/decimal value.
    public init?(name: String) {
        let upper = name.uppercased()
        if let entry = SeamcallStatus.wholeValueNames.first(where: { $0.value == upper }) {
            self.init(rawValue: entry.key)
        } else if let entry = SeamcallStatus.classNames.first(where: { $0.value == upper }) {
            self.init(rawValue: entry.key)
        } else if upper.hasPrefix("0X"), let value = UInt64(upper.dropFirst(2).replacing("_", with: ""), radix: 16) {
            self.init(rawValue: value)
        } else if let value = UInt64(upper) {
            self.init(rawValue: value)
        } else {
            return nil
        }
    }
}
