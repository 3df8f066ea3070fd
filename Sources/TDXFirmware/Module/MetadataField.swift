/// A global metadata field id for TDH.SYS.RD (TDX module `global_sys_fields_lookup.h`).
public struct MetadataField: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 64-bit field id (class in bits 56-61, element size in bits 32-33).
    public var rawValue: UInt64

    /// Wraps a field id.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// `MINOR_VERSION` (u16).
    public static let minorVersion = MetadataField(rawValue: 0x0800_0001_0000_0003)
    /// `MAJOR_VERSION` (u16).
    public static let majorVersion = MetadataField(rawValue: 0x0800_0001_0000_0004)
    /// `UPDATE_VERSION` (u16).
    public static let updateVersion = MetadataField(rawValue: 0x0800_0001_0000_0005)
    /// `INTERNAL_VERSION` (u16).
    public static let internalVersion = MetadataField(rawValue: 0x0800_0001_0000_0006)
    /// `BUILD_DATE` (u32, BCD).
    public static let buildDate = MetadataField(rawValue: 0x8800_0002_0000_0001)
    /// `BUILD_NUM` (u16).
    public static let buildNumber = MetadataField(rawValue: 0x8800_0001_0000_0002)
    /// `MODULE_HV` (u16): the handoff version this module produces and consumes natively.
    public static let moduleHV = MetadataField(rawValue: 0x8900_0001_0000_0000)
    /// `MIN_UPDATE_HV` (u16): the oldest handoff version this module can consume.
    public static let minUpdateHV = MetadataField(rawValue: 0x8900_0001_0000_0001)
    /// `NO_DOWNGRADE` (u8): shutdown may only produce `MODULE_HV`.
    public static let noDowngrade = MetadataField(rawValue: 0x8900_0000_0000_0002)
    /// `NUM_HANDOFF_PAGES` (u16): the handoff area is this + 1 pages.
    public static let numHandoffPages = MetadataField(rawValue: 0x8900_0001_0000_0003)
    /// `HANDOFF_DATA_VALID` (u8): the handoff header in the SEAM range is valid.
    public static let handoffDataValid = MetadataField(rawValue: 0x8900_0000_0000_0004)
    /// `HANDOFF_DATA_HV` (u16): the version of the handoff data present.
    public static let handoffDataHV = MetadataField(rawValue: 0x8900_0001_0000_0005)
    /// `HANDOFF_DATA_SIZE` (u32).
    public static let handoffDataSize = MetadataField(rawValue: 0x8900_0002_0000_0006)
    /// `TDX_FEATURES0` (u64): bit 1 = TD-preserving update supported.
    public static let tdxFeatures0 = MetadataField(rawValue: 0x0A00_0003_0000_0008)

    static let names: [MetadataField: String] = [
        .minorVersion: "MINOR_VERSION", .majorVersion: "MAJOR_VERSION", .updateVersion: "UPDATE_VERSION",
        .internalVersion: "INTERNAL_VERSION", .buildDate: "BUILD_DATE", .buildNumber: "BUILD_NUM",
        .moduleHV: "MODULE_HV", .minUpdateHV: "MIN_UPDATE_HV", .noDowngrade: "NO_DOWNGRADE",
        .numHandoffPages: "NUM_HANDOFF_PAGES", .handoffDataValid: "HANDOFF_DATA_VALID",
        .handoffDataHV: "HANDOFF_DATA_HV", .handoffDataSize: "HANDOFF_DATA_SIZE", .tdxFeatures0: "TDX_FEATURES0",
    ]

    /// Every field this model answers.
    public static var allModelled: [MetadataField] { names.keys.sorted { $0.rawValue < $1.rawValue } }

    /// `MODULE_HV (0x8900000100000000)`.
    public var description: String {
        "\(Self.names[self] ?? "UNKNOWN_FIELD") (0x\(String(rawValue, radix: 16, uppercase: true)))"
    }
}
