/// SEAMLDR_INFO: the 256-byte structure SEAMLDR.INFO writes (Linux `seamldr.h`, P-SEAMLDR `seamldr_info_t`).
///
/// `seamInfo` is the TEE_TCB_INFO / SEAMEXTEND of the running module; `numRemainingUpdates` is what the
/// host shows as `num_remaining_updates`.
public struct SeamldrInfo: Hashable, Sendable {
    /// Size of the structure in bytes; it must be 256-byte aligned in memory.
    public static let size = 256

    /// Structure version (offset 0x00).
    public var version: UInt32 = 0
    /// Loader attributes (0x04); bit 31 = debug P-SEAMLDR.
    public var attributes: UInt32 = 0
    /// Vendor (0x08), 0x8086.
    public var vendorID: UInt32 = 0x8086
    /// BCD build date (0x0C), e.g. 0x20240410.
    public var buildDate: UInt32 = 0
    /// Build number (0x10).
    public var buildNumber: UInt16 = 0
    /// P-SEAMLDR minor version (0x12).
    public var minorVersion: UInt16 = 0
    /// P-SEAMLDR major version (0x14).
    public var majorVersion: UInt16 = 0
    /// P-SEAMLDR update version (0x16; reserved in older loaders).
    public var updateVersion: UInt16 = 0
    /// x2APIC id of the LP that ran the ACM (0x18).
    public var acmX2APICID: UInt32 = 0
    /// Remaining module-update slots in SEAMDB (0x1C); 0 means further updates fail until reboot.
    public var numRemainingUpdates: UInt32 = 0
    /// The running module's TEE_TCB_INFO (0x20, 136 bytes with the ready flags).
    public var seamInfo = SeamExtend()
    /// P-SEAMLDR features (0xA8): bit 0 = S4 migration API, bit 1 = SEAMLDR.CLEANUP.
    public var features0: UInt64 = 0

    /// An all-default structure.
    public init() {}

    /// `major.minor.update`, the form `seamldr_version` shows in sysfs.
    public var versionString: String { "\(majorVersion).\(minorVersion).\(updateVersion)" }

    /// The structure's 256 bytes, as SEAMLDR.INFO writes them.
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.size)
        out.writeLE(version, at: 0x00)
        out.writeLE(attributes, at: 0x04)
        out.writeLE(vendorID, at: 0x08)
        out.writeLE(buildDate, at: 0x0C)
        out.writeLE(buildNumber, at: 0x10)
        out.writeLE(minorVersion, at: 0x12)
        out.writeLE(majorVersion, at: 0x14)
        out.writeLE(updateVersion, at: 0x16)
        out.writeLE(acmX2APICID, at: 0x18)
        out.writeLE(numRemainingUpdates, at: 0x1C)
        seamInfo.write(into: &out, at: 0x20)
        out.writeLE(features0, at: 0xA8)
        return out
    }

    /// Decodes a structure from at least 256 bytes; nil when `bytes` is shorter.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.size else { return nil }
        version = bytes.readLE(UInt32.self, at: 0x00)
        attributes = bytes.readLE(UInt32.self, at: 0x04)
        vendorID = bytes.readLE(UInt32.self, at: 0x08)
        buildDate = bytes.readLE(UInt32.self, at: 0x0C)
        buildNumber = bytes.readLE(UInt16.self, at: 0x10)
        minorVersion = bytes.readLE(UInt16.self, at: 0x12)
        majorVersion = bytes.readLE(UInt16.self, at: 0x14)
        updateVersion = bytes.readLE(UInt16.self, at: 0x16)
        acmX2APICID = bytes.readLE(UInt32.self, at: 0x18)
        numRemainingUpdates = bytes.readLE(UInt32.self, at: 0x1C)
        seamInfo = SeamExtend(bytes: bytes, at: 0x20)
        features0 = bytes.readLE(UInt64.self, at: 0xA8)
    }
}
