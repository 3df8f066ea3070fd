/// SEAMLDR_PARAMS: the 4096-byte page whose physical address SEAMLDR.INSTALL takes in RCX.
///
/// Layout (version 0): version u32 @0, scenario u32 @4, sigstruct page PA u64 @8, 104 reserved bytes,
/// num_module_pages u64 @0x78, then up to 496 module page PAs @0x80.
public struct SeamldrParams: Hashable, Sendable {
    /// Size of the page.
    public static let size = 4096
    /// Most module pages a version-0 params page lists (1,984 KiB).
    public static let maxModulePages = 496

    /// What SEAMLDR.INSTALL is asked to do.
    public enum Scenario: UInt32, Sendable, Hashable, CustomStringConvertible {
        /// Install from scratch (UEFI loader at boot): SEAMDB cleared, SEAM range wiped.
        case load = 0
        /// Replace a shut-down module, keeping its handoff data (what the kernel always uses).
        case update = 1

        /// `load` or `update`.
        public var description: String { self == .load ? "load" : "update" }
    }

    /// Structure version; P-SEAMLDRs implement only 0.
    public var version: UInt32
    /// Raw scenario value (0 = load, 1 = update; anything else is `PSEAMLDR_EBADPARAM`).
    public var scenarioValue: UInt32
    /// Physical address of the 4 KiB page holding the sigstruct.
    public var sigstructPage: UInt64
    /// Physical addresses of the module pages, in order (need not be contiguous).
    public var modulePages: [UInt64]
    /// The 104 reserved bytes (must be zero), kept so a bad page round-trips.
    public var reserved: [UInt8]
    /// `num_module_pages` as written; differs from `modulePages.count` only for malformed pages.
    public var declaredModulePages: UInt64

    /// Creates a version-0 params page.
    public init(scenario: Scenario, sigstructPage: UInt64, modulePages: [UInt64]) {
        version = 0
        scenarioValue = scenario.rawValue
        self.sigstructPage = sigstructPage
        self.modulePages = modulePages
        reserved = [UInt8](repeating: 0, count: 104)
        declaredModulePages = UInt64(modulePages.count)
    }

    /// The scenario, or nil when the value is neither load nor update.
    public var scenario: Scenario? { Scenario(rawValue: scenarioValue) }

    /// The page's 4096 bytes. Lists more than 496 pages are cut at 496 (the count field keeps the truth).
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.size)
        out.writeLE(version, at: 0x00)
        out.writeLE(scenarioValue, at: 0x04)
        out.writeLE(sigstructPage, at: 0x08)
        out.replaceSubrange(0x10..<0x78, with: reserved.padded(to: 104))
        out.writeLE(declaredModulePages, at: 0x78)
        for (index, address) in modulePages.prefix(Self.maxModulePages).enumerated() {
            out.writeLE(address, at: 0x80 + 8 * index)
        }
        return out
    }

    /// Decodes a params page; nil when fewer than 4096 bytes are given. Field values are not judged here:
    /// P-SEAMLDR does that (see ``PSeamldrModel``) so a bad page fails with its real status.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.size else { return nil }
        version = bytes.readLE(UInt32.self, at: 0x00)
        scenarioValue = bytes.readLE(UInt32.self, at: 0x04)
        sigstructPage = bytes.readLE(UInt64.self, at: 0x08)
        reserved = Array(bytes[0x10..<0x78])
        declaredModulePages = bytes.readLE(UInt64.self, at: 0x78)
        let listed = Int(min(declaredModulePages, UInt64(Self.maxModulePages)))
        modulePages = (0..<listed).map { bytes.readLE(UInt64.self, at: 0x80 + 8 * $0) }
    }
}
