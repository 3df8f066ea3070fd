/// The 2 KiB SEAM sigstruct that describes and signs a TDX module: what P-SEAMLDR checks
/// before it installs the module, and what an operator needs to decide whether it fits.
///
/// Parsing checks the structure (fixed header values, key sizes, reserved bytes, table
/// size); it does not check the signature; see ``ModuleImage/verify(trusting:)`` and
/// ``SignatureCheck``.
public struct SigStruct: Sendable, Equatable {
    /// A sigstruct is exactly 2048 bytes.
    public static let size = 2048

    /// The 2048 bytes as stored.
    public let bytes: [UInt8]

    /// `header_type` (6).
    public let headerType: UInt32
    /// `header_length` in dwords (0xE1).
    public let headerLength: UInt32
    /// `header_version` (0x10000).
    public let headerVersion: UInt32
    /// `module_type`; bit 31 marks a debug-signed module.
    public let moduleType: UInt32
    /// `module_vendor` (0x8086).
    public let moduleVendor: UInt32
    /// `date`, BCD yyyymmdd.
    public let date: BCDDate
    /// `size` in dwords (0x200).
    public let sizeDwords: UInt32
    /// `key_size` in dwords (0x60).
    public let keySizeDwords: UInt32
    /// `modulus_size` in dwords (0x60).
    public let modulusSizeDwords: UInt32
    /// `exponent_size` in dwords (1).
    public let exponentSizeDwords: UInt32
    /// `exponent` (65537 in every release).
    public let exponent: UInt32
    /// `seamsvn` as stored: minor SVN in the low byte, major SVN in the high byte.
    public let svn: UInt16
    /// `attributes`.
    public let attributes: UInt64
    /// `rip_offset`: the module's entry point offset.
    public let ripOffset: UInt32
    /// `num_stack_pages`.
    public let numStackPages: UInt8
    /// `num_tls_pages`.
    public let numTLSPages: UInt8
    /// `num_keyhole_pages`.
    public let numKeyholePages: UInt16
    /// `num_global_data_pages`.
    public let numGlobalDataPages: UInt16
    /// `max_tdmrs`.
    public let maxTDMRs: UInt16
    /// `max_rsvd_per_tdmr`.
    public let maxReservedPerTDMR: UInt16
    /// `pamt_entry_size_4k` (0 means 16 bytes).
    public let pamtEntrySize4K: UInt16
    /// `pamt_entry_size_2m`.
    public let pamtEntrySize2M: UInt16
    /// `pamt_entry_size_1g`.
    public let pamtEntrySize1G: UInt16
    /// `module_hv`: the handoff data version this module writes on shutdown for update.
    public let moduleHV: UInt16
    /// `min_update_hv`: the oldest handoff data version this module accepts after an update.
    public let minUpdateHV: UInt16
    /// `no_downgrade`: the module must not be replaced by an older one.
    public let noDowngrade: Bool
    /// `num_handoff_pages`; the handoff area is this plus one pages.
    public let numHandoffPages: UInt16
    /// `gdt_idt_offset`.
    public let gdtIDTOffset: UInt32
    /// `fault_wrapper_offset`.
    public let faultWrapperOffset: UInt32
    /// The version recorded in the sigstruct (2.0 releases and project fixtures); nil when
    /// those bytes are zero, as in 1.5 releases.
    public let embeddedVersion: ModuleVersion?
    /// Build number recorded with ``embeddedVersion`` (0 when absent).
    public let embeddedBuild: UInt16
    /// The CPUID.1.EAX values (family, model, stepping) of the CPUs this module supports.
    public let cpuidTable: [UInt32]

    /// Parses and structurally validates a sigstruct.
    /// - Parameter bytes: exactly 2048 bytes.
    /// - Throws: ``ImageError`` naming the first field (offset within the sigstruct) that is wrong.
    public init(parsing bytes: [UInt8]) throws(ImageError) {
        guard bytes.count >= Self.size else {
            throw .truncated(structure: "sigstruct", required: Self.size, actual: bytes.count)
        }
        guard bytes.count == Self.size else {
            throw .lengthMismatch(field: "sigstruct", offset: 0, declared: Self.size, actual: bytes.count)
        }
        typealias L = SigStructLayout
        func expect(_ field: String, at offset: Int, _ expected: UInt32) throws(ImageError) -> UInt32 {
            let actual = bytes.readLE32(at: offset)
            guard actual == expected else {
                throw .unexpectedValue(
                    field: "sigstruct \(field)", offset: offset, actual: UInt64(actual), expected: UInt64(expected))
            }
            return actual
        }
        func reserved(_ field: String, _ range: Range<Int>) throws(ImageError) {
            if let bad = bytes.firstNonZeroOffset(in: range) {
                throw .reservedNotZero(field: "sigstruct \(field)", offset: bad, value: bytes[bad])
            }
        }
        headerType = try expect("header_type", at: L.headerType, L.expectedHeaderType)
        headerLength = try expect("header_length", at: L.headerLength, L.expectedHeaderLength)
        headerVersion = try expect("header_version", at: L.headerVersion, L.expectedHeaderVersion)
        moduleType = bytes.readLE32(at: L.moduleType)
        moduleVendor = try expect("module_vendor", at: L.moduleVendor, L.expectedModuleVendor)
        date = BCDDate(rawValue: bytes.readLE32(at: L.date))
        sizeDwords = try expect("size", at: L.size, L.expectedSizeDwords)
        keySizeDwords = try expect("key_size", at: L.keySize, L.expectedKeyDwords)
        modulusSizeDwords = try expect("modulus_size", at: L.modulusSize, L.expectedKeyDwords)
        exponentSizeDwords = try expect("exponent_size", at: L.exponentSize, L.expectedExponentDwords)
        try reserved("reserved0", L.reserved0)
        exponent = bytes.readLE32(at: L.exponent)
        svn = bytes.readLE16(at: L.seamSVN)
        attributes = bytes.readLE64(at: L.attributes)
        ripOffset = bytes.readLE32(at: L.ripOffset)
        numStackPages = bytes[L.numStackPages]
        numTLSPages = bytes[L.numTLSPages]
        numKeyholePages = bytes.readLE16(at: L.numKeyholePages)
        numGlobalDataPages = bytes.readLE16(at: L.numGlobalDataPages)
        maxTDMRs = bytes.readLE16(at: L.maxTDMRs)
        maxReservedPerTDMR = bytes.readLE16(at: L.maxReservedPerTDMR)
        pamtEntrySize4K = bytes.readLE16(at: L.pamtEntrySize4K)
        pamtEntrySize2M = bytes.readLE16(at: L.pamtEntrySize2M)
        pamtEntrySize1G = bytes.readLE16(at: L.pamtEntrySize1G)
        try reserved("reserved1", L.reserved1)
        moduleHV = bytes.readLE16(at: L.moduleHV)
        minUpdateHV = bytes.readLE16(at: L.minUpdateHV)
        let noDowngradeByte = bytes[L.noDowngrade]
        guard noDowngradeByte <= 1 else {
            throw .valueOutOfRange(
                field: "sigstruct no_downgrade", offset: L.noDowngrade, value: Int(noDowngradeByte), allowed: 0...1)
        }
        noDowngrade = noDowngradeByte == 1
        try reserved("reserved2", L.reserved2)
        numHandoffPages = bytes.readLE16(at: L.numHandoffPages)
        gdtIDTOffset = bytes.readLE32(at: L.gdtIDTOffset)
        faultWrapperOffset = bytes.readLE32(at: L.faultWrapperOffset)
        let update = bytes.readLE16(at: L.embeddedVersion)
        let minor = bytes[L.embeddedVersion + 2]
        let major = bytes[L.embeddedVersion + 3]
        embeddedBuild = bytes.readLE16(at: L.embeddedVersion + 4)
        embeddedVersion =
            major == 0 && minor == 0 && update == 0
            ? nil : ModuleVersion(major: Int(major), minor: Int(minor), update: Int(update))
        let entryCount = Int(bytes.readLE32(at: L.cpuidTableSize))
        guard entryCount <= L.maxCPUIDEntries else {
            throw .valueOutOfRange(
                field: "sigstruct cpuid_table_size", offset: L.cpuidTableSize, value: entryCount,
                allowed: 0...L.maxCPUIDEntries)
        }
        cpuidTable = (0..<entryCount).map { bytes.readLE32(at: L.cpuidTable + 4 * $0) }
        self.bytes = bytes
    }

    /// True when bit 31 of `module_type` marks a debug-signed module (never for production).
    public var isDebug: Bool { moduleType & SigStructLayout.debugModuleBit != 0 }
    /// Major SVN (high byte of `seamsvn`).
    public var svnMajor: UInt8 { UInt8(svn >> 8) }
    /// Minor SVN (low byte of `seamsvn`).
    public var svnMinor: UInt8 { UInt8(truncatingIfNeeded: svn) }
    /// The 384 modulus bytes as stored (little-endian).
    public var modulusAsStored: ArraySlice<UInt8> { bytes[SigStructLayout.modulus] }
    /// The 384 signature bytes as stored (little-endian).
    public var signatureAsStored: ArraySlice<UInt8> { bytes[SigStructLayout.signature] }
    /// `seamhash`: the SHA-384 the module must have.
    public var seamHash: ArraySlice<UInt8> { bytes[SigStructLayout.seamHash] }
    /// SHA-256 of the modulus bytes as stored: which key signed this sigstruct.
    public var keyFingerprint: KeyFingerprint { KeyFingerprint(modulusAsStored: modulusAsStored) }

    /// Whether a CPU with this CPUID.1.EAX value is listed, ignoring the stepping (low 4
    /// bits), as Intel's `version_select_and_load.py` compares.
    public func supports(cpuid: UInt32) -> Bool {
        cpuidTable.contains { $0 & ~0xF == cpuid & ~0xF }
    }
}
