/// A SEAMCALL leaf function number (RAX at SEAMCALL). Bit 63 set selects P-SEAMLDR.
///
/// Numbers are the TDX module ABI's (`tdx_api_defs.h`, Linux `tdx.h`) and P-SEAMLDR's (`SEAMLDR_INFO_LEAF`...).
public struct SeamcallLeaf: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The leaf number as RAX holds it.
    public var rawValue: UInt64

    /// Wraps a raw leaf number.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// True for P-SEAMLDR leaves (bit 63 set).
    public var isSeamldr: Bool { rawValue & (1 << 63) != 0 }

    /// True for the leaves the dispatcher lets run before SYS_READY (spec 4.2: SYS.INFO, RD, RDALL, INIT,
    /// LP.INIT, CONFIG, KEY.CONFIG, LP.SHUTDOWN, UPDATE); they also run on an LP without LP.INIT.
    public var isSystemLeaf: Bool { Self.systemLeaves.contains(self) }

    /// `TDH.VP.ENTER` (0): run a vCPU until it exits.
    public static let vpEnter = SeamcallLeaf(rawValue: 0)
    /// `TDH.MEM.PAGE.ADD` (2): add an initial, measured page while the TD is being built.
    public static let memPageAdd = SeamcallLeaf(rawValue: 2)
    /// `TDH.MEM.PAGE.AUG` (6): add a zeroed page to a runnable TD.
    public static let memPageAug = SeamcallLeaf(rawValue: 6)
    /// `TDH.MNG.CREATE` (9): create a TD (its TDR) and assign a key id.
    public static let mngCreate = SeamcallLeaf(rawValue: 9)
    /// `TDH.VP.CREATE` (10): create a vCPU.
    public static let vpCreate = SeamcallLeaf(rawValue: 10)
    /// `TDH.MEM.RD` (12): read guest memory (debug TDs only on real hardware; allowed here for the model).
    public static let memRead = SeamcallLeaf(rawValue: 12)
    /// `TDH.MR.EXTEND` (16): extend MRTD with a page's content.
    public static let mrExtend = SeamcallLeaf(rawValue: 16)
    /// `TDH.MR.FINALIZE` (17): finish the TD build; MRTD is final and the TD may run.
    public static let mrFinalize = SeamcallLeaf(rawValue: 17)
    /// `TDH.MNG.INIT` (21): initialise the TD's configuration; starts the measured build.
    public static let mngInit = SeamcallLeaf(rawValue: 21)
    /// `TDH.VP.RD` (26): read a vCPU state field.
    public static let vpRead = SeamcallLeaf(rawValue: 26)
    /// `TDH.SYS.KEY.CONFIG` (31): configure the global key on this LP's package.
    public static let sysKeyConfig = SeamcallLeaf(rawValue: 31)
    /// `TDH.SYS.INFO` (32): legacy system information.
    public static let sysInfo = SeamcallLeaf(rawValue: 32)
    /// `TDH.SYS.INIT` (33): global module initialisation.
    public static let sysInit = SeamcallLeaf(rawValue: 33)
    /// `TDH.SYS.RD` (34): read one global metadata field.
    public static let sysRead = SeamcallLeaf(rawValue: 34)
    /// `TDH.SYS.LP.INIT` (35): per-LP module initialisation.
    public static let sysLPInit = SeamcallLeaf(rawValue: 35)
    /// `TDH.SYS.TDMR.INIT` (36): initialise a TDMR's PAMT.
    public static let sysTDMRInit = SeamcallLeaf(rawValue: 36)
    /// `TDH.SYS.RDALL` (37): read all global metadata.
    public static let sysReadAll = SeamcallLeaf(rawValue: 37)
    /// `TDH.SYS.LP.SHUTDOWN` (44): per-LP shutdown (a no-op in 1.5.01).
    public static let sysLPShutdown = SeamcallLeaf(rawValue: 44)
    /// `TDH.SYS.CONFIG` (45): global configuration on the fresh-boot path.
    public static let sysConfig = SeamcallLeaf(rawValue: 45)
    /// `TDH.SYS.SHUTDOWN` (52): stop the module and write handoff data at the requested version.
    public static let sysShutdown = SeamcallLeaf(rawValue: 52)
    /// `TDH.SYS.UPDATE` (53): restore handoff data in the new module; TDs continue.
    public static let sysUpdate = SeamcallLeaf(rawValue: 53)
    /// `SEAMLDR.INFO` (0x8000000000000000): fill the 256-byte SEAMLDR_INFO.
    public static let seamldrInfo = SeamcallLeaf(rawValue: 0x8000_0000_0000_0000)
    /// `SEAMLDR.INSTALL` (0x8000000000000001): install a module from SEAMLDR_PARAMS; every LP must call it.
    public static let seamldrInstall = SeamcallLeaf(rawValue: 0x8000_0000_0000_0001)

    static let systemLeaves: Set<SeamcallLeaf> = [
        .sysInfo, .sysRead, .sysReadAll, .sysInit, .sysLPInit, .sysConfig, .sysKeyConfig, .sysLPShutdown,
        .sysUpdate,
    ]

    static let names: [SeamcallLeaf: String] = [
        .vpEnter: "TDH.VP.ENTER", .memPageAdd: "TDH.MEM.PAGE.ADD", .memPageAug: "TDH.MEM.PAGE.AUG",
        .mngCreate: "TDH.MNG.CREATE", .vpCreate: "TDH.VP.CREATE", .memRead: "TDH.MEM.RD",
        .mrExtend: "TDH.MR.EXTEND", .mrFinalize: "TDH.MR.FINALIZE", .mngInit: "TDH.MNG.INIT",
        .vpRead: "TDH.VP.RD", .sysKeyConfig: "TDH.SYS.KEY.CONFIG", .sysInfo: "TDH.SYS.INFO",
        .sysInit: "TDH.SYS.INIT", .sysRead: "TDH.SYS.RD", .sysLPInit: "TDH.SYS.LP.INIT",
        .sysTDMRInit: "TDH.SYS.TDMR.INIT", .sysReadAll: "TDH.SYS.RDALL", .sysLPShutdown: "TDH.SYS.LP.SHUTDOWN",
        .sysConfig: "TDH.SYS.CONFIG", .sysShutdown: "TDH.SYS.SHUTDOWN", .sysUpdate: "TDH.SYS.UPDATE",
        .seamldrInfo: "SEAMLDR.INFO", .seamldrInstall: "SEAMLDR.INSTALL",
    ]

    /// Every leaf this model implements.
    public static var allModelled: [SeamcallLeaf] { names.keys.sorted { $0.rawValue < $1.rawValue } }

    /// The firmware's name, e.g. `TDH.SYS.SHUTDOWN`, or nil for a leaf this model does not know.
    public var name: String? { Self.names[self] }

    /// Looks a leaf up by name (`TDH.SYS.UPDATE`, case-insensitive, `_` accepted for `.`).
    public init?(name: String) {
        let wanted = name.uppercased().replacing("_", with: ".")
        guard let entry = Self.names.first(where: { $0.value == wanted }) else { return nil }
        self = entry.key
    }

    /// The name and number, e.g. `TDH.SYS.SHUTDOWN (52)` or `SEAMLDR.INSTALL (0x8000000000000001)`.
    public var description: String {
        let number = isSeamldr ? "0x" + String(rawValue, radix: 16, uppercase: true) : String(rawValue)
        return "\(name ?? "UNKNOWN_LEAF") (\(number))"
    }
}
