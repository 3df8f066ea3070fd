import TDXImage

/// A rule of the firmware model that ``PlatformState`` broke: what ``PlatformState/invariantViolations()``
/// reports, so that tests can assert on the exact rule and debug builds can stop at the mutation that broke it.
enum PlatformInvariantViolation: Hashable, Sendable, CustomStringConvertible {
    /// SEAM_READY is set, but no module is in the SEAM range.
    case seamReadyWithoutModule
    /// SEAM_READY is set while an install session is open (the session's first SEAMLDR.INSTALL clears it).
    case seamReadyDuringInstallSession(sessionLPs: Int)
    /// SEAMEXTEND does not describe the ready module (SEAM SVN or MRSEAM differ).
    case seamExtendDisagreesWithModule(seamExtendSVN: UInt16, moduleSVN: UInt16)
    /// The newest SEAMDB entry is not the module in the SEAM range.
    case seamdbOutOfStep(newestEntry: ModuleVersion?, module: ModuleVersion)
    /// More remaining updates than SEAMDB has slots.
    case remainingUpdatesExceedCapacity(remaining: UInt32, capacity: UInt32)
    /// The module's per-LP LP.INIT table does not have one entry per platform LP.
    case lpTableSize(entries: Int, lpCount: Int)
    /// The module's count of initialised LPs disagrees with its per-LP table.
    case initializedLPCount(counted: Int, marked: Int)
    /// LPs are marked initialised although TDH.SYS.INIT has not run.
    case lpInitializedBeforeSysInit(marked: Int)
    /// TDH.SYS.INIT ran but recorded a platform LP count other than the platform's.
    case sysInitLPCount(recorded: Int, lpCount: Int)
    /// The module is configured, ready or shut down, yet not every LP did TDH.SYS.LP.INIT.
    case configuredWithUninitializedLPs(state: SysState, initialized: Int, required: Int)
    /// The module is shut down but left no valid handoff data.
    case shutdownWithoutHandoff
    /// Valid handoff data whose recorded size is not the size of its payload.
    case handoffSize(recorded: UInt32, payload: UInt32)
    /// A ready module does not own the key of a live TD.
    case liveTDKeyNotOwned(TDHandle, hkid: UInt16)
    /// A TD is stored under a handle other than its own.
    case tdStoredUnderOtherHandle(stored: TDHandle, own: TDHandle)
    /// Two live TDs share one private key id.
    case sharedHKID(UInt16)
    /// A TD is both live and recorded as lost.
    case liveAndLost(TDHandle)

    /// The rule and the values that break it, in words.
    var description: String {
        switch self {
        case .seamReadyWithoutModule:
            "SEAM_READY is set but no module is in the SEAM range"
        case .seamReadyDuringInstallSession(let lps):
            "SEAM_READY is set while an install session is open (\(lps) LPs registered)"
        case .seamExtendDisagreesWithModule(let extendSVN, let moduleSVN):
            "SEAMEXTEND (SVN 0x\(String(extendSVN, radix: 16))) does not describe the module "
                + "(SVN 0x\(String(moduleSVN, radix: 16)))"
        case .seamdbOutOfStep(let newest, let module):
            "newest SEAMDB entry is \(newest.map { "\($0)" } ?? "missing"), module is \(module)"
        case .remainingUpdatesExceedCapacity(let remaining, let capacity):
            "\(remaining) remaining updates exceed SEAMDB's \(capacity) slots"
        case .lpTableSize(let entries, let lpCount):
            "LP.INIT table has \(entries) entries for \(lpCount) LPs"
        case .initializedLPCount(let counted, let marked):
            "module counts \(counted) initialised LPs but marks \(marked)"
        case .lpInitializedBeforeSysInit(let marked):
            "\(marked) LPs marked initialised before TDH.SYS.INIT"
        case .sysInitLPCount(let recorded, let lpCount):
            "TDH.SYS.INIT recorded \(recorded) LPs on a platform with \(lpCount)"
        case .configuredWithUninitializedLPs(let state, let initialized, let required):
            "module is in \(state) with \(initialized)/\(required) LPs initialised"
        case .shutdownWithoutHandoff:
            "module is in SYS_SHUTDOWN without valid handoff data"
        case .handoffSize(let recorded, let payload):
            "handoff header records \(recorded) bytes for a \(payload)-byte payload"
        case .liveTDKeyNotOwned(let td, let hkid):
            "ready module does not own \(td)'s key (HKID \(hkid))"
        case .tdStoredUnderOtherHandle(let stored, let own):
            "\(own) is stored under \(stored)"
        case .sharedHKID(let hkid):
            "HKID \(hkid) belongs to more than one live TD"
        case .liveAndLost(let td):
            "\(td) is both live and lost"
        }
    }
}
