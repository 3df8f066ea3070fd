/// Byte offsets and fixed values of the 2 KiB SEAM sigstruct (`seam_sigstruct_t`).
public enum SigStructLayout {
    /// `header_type` (u32).
    public static let headerType = 0x000
    /// `header_length` (u32, in dwords).
    public static let headerLength = 0x004
    /// `header_version` (u32).
    public static let headerVersion = 0x008
    /// `module_type` (u32; bit 31 = debug-signed).
    public static let moduleType = 0x00C
    /// `module_vendor` (u32).
    public static let moduleVendor = 0x010
    /// `date` (u32, BCD yyyymmdd).
    public static let date = 0x014
    /// `size` (u32, in dwords).
    public static let size = 0x018
    /// `key_size` (u32, in dwords).
    public static let keySize = 0x01C
    /// `modulus_size` (u32, in dwords).
    public static let modulusSize = 0x020
    /// `exponent_size` (u32, in dwords).
    public static let exponentSize = 0x024
    /// `reserved0` (88 bytes).
    public static let reserved0 = 0x028..<0x080
    /// The signed header: bytes [0, 0x80).
    public static let signedHeader = 0x000..<0x080
    /// `modulus` (384 bytes, little-endian).
    public static let modulus = 0x080..<0x200
    /// `exponent` (u32).
    public static let exponent = 0x200
    /// `signature` (384 bytes, little-endian).
    public static let signature = 0x204..<0x384
    /// The signed body: bytes [0x384, 0x800).
    public static let signedBody = 0x384..<0x800
    /// `seamhash` (48 bytes, SHA-384 of the module).
    public static let seamHash = 0x384..<0x3B4
    /// `seamsvn` (u16: minor SVN byte, then major SVN byte).
    public static let seamSVN = 0x3B4
    /// `attributes` (u64).
    public static let attributes = 0x3B6
    /// `rip_offset` (u32).
    public static let ripOffset = 0x3BE
    /// `num_stack_pages` (u8).
    public static let numStackPages = 0x3C2
    /// `num_tls_pages` (u8).
    public static let numTLSPages = 0x3C3
    /// `num_keyhole_pages` (u16).
    public static let numKeyholePages = 0x3C4
    /// `num_global_data_pages` (u16).
    public static let numGlobalDataPages = 0x3C6
    /// `max_tdmrs` (u16).
    public static let maxTDMRs = 0x3C8
    /// `max_rsvd_per_tdmr` (u16).
    public static let maxReservedPerTDMR = 0x3CA
    /// `pamt_entry_size_4k` (u16).
    public static let pamtEntrySize4K = 0x3CC
    /// `pamt_entry_size_2m` (u16).
    public static let pamtEntrySize2M = 0x3CE
    /// `pamt_entry_size_1g` (u16).
    public static let pamtEntrySize1G = 0x3D0
    /// `reserved1` (6 bytes).
    public static let reserved1 = 0x3D2..<0x3D8
    /// `module_hv` (u16): the handoff data version this module writes.
    public static let moduleHV = 0x3D8
    /// `min_update_hv` (u16): the oldest handoff version this module can read.
    public static let minUpdateHV = 0x3DA
    /// `no_downgrade` (u8).
    public static let noDowngrade = 0x3DC
    /// `reserved2` (1 byte).
    public static let reserved2 = 0x3DD..<0x3DE
    /// `num_handoff_pages` (u16; the handoff area is this plus one pages).
    public static let numHandoffPages = 0x3DE
    /// `gdt_idt_offset` (u32).
    public static let gdtIDTOffset = 0x3E0
    /// `fault_wrapper_offset` (u32).
    public static let faultWrapperOffset = 0x3E4
    /// Where 2.0 releases record the module version: update (u16), minor (u8), major (u8),
    /// build (u16). Zero in 1.5 releases. Layout inferred from published sigstructs.
    public static let embeddedVersion = 0x3E8
    /// `cpuid_table_size` (u32, number of entries).
    public static let cpuidTableSize = 0x400
    /// `cpuid_table` (255 x u32, CPUID.1.EAX values).
    public static let cpuidTable = 0x404

    /// `header_type` of a generic-firmware sigstruct.
    public static let expectedHeaderType: UInt32 = 6
    /// `header_length` in dwords.
    public static let expectedHeaderLength: UInt32 = 0xE1
    /// `header_version` 1.0.
    public static let expectedHeaderVersion: UInt32 = 0x0001_0000
    /// Intel's vendor id.
    public static let expectedModuleVendor: UInt32 = 0x8086
    /// `size` in dwords (2048 bytes).
    public static let expectedSizeDwords: UInt32 = 0x200
    /// `key_size` and `modulus_size` in dwords (3072 bits).
    public static let expectedKeyDwords: UInt32 = 0x60
    /// `exponent_size` in dwords.
    public static let expectedExponentDwords: UInt32 = 1
    /// The most CPUID entries the table holds.
    public static let maxCPUIDEntries = 255
    /// Bit 31 of `module_type`: the module is debug-signed.
    public static let debugModuleBit: UInt32 = 1 << 31
}
