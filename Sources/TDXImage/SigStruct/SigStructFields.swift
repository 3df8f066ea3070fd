/// The editable, unsigned content of a sigstruct: what a signer fills in before it computes
/// the module hash and signs. Defaults match a 1.5-series Intel release.
public struct SigStructFields: Sendable, Equatable {
    /// `module_type`; set bit 31 (or ``debug``) for a debug-signed module.
    public var moduleType: UInt32 = 0
    /// `date`.
    public var date = BCDDate(year: 2025, month: 1, day: 1)
    /// `seamsvn` as stored (minor SVN low byte, major SVN high byte).
    public var svn: UInt16 = 0x0106
    /// `attributes`.
    public var attributes: UInt64 = 0
    /// `rip_offset`.
    public var ripOffset: UInt32 = 0x1000
    /// `num_stack_pages`.
    public var numStackPages: UInt8 = 1
    /// `num_tls_pages`.
    public var numTLSPages: UInt8 = 1
    /// `num_keyhole_pages`.
    public var numKeyholePages: UInt16 = 0x7F
    /// `num_global_data_pages`.
    public var numGlobalDataPages: UInt16 = 0x15
    /// `module_hv`.
    public var moduleHV: UInt16 = 0
    /// `min_update_hv`.
    public var minUpdateHV: UInt16 = 0
    /// `no_downgrade`.
    public var noDowngrade = false
    /// `num_handoff_pages`.
    public var numHandoffPages: UInt16 = 13
    /// The version to record in the sigstruct (nil leaves those bytes zero, as 1.5 releases do).
    public var version: ModuleVersion?
    /// Build number recorded with ``version``.
    public var build: UInt16 = 0
    /// CPUID.1.EAX values of supported CPUs (at most 255).
    public var cpuidTable: [UInt32] = [0x806F8, 0xC06F0, 0xA06F0]

    /// Fields with the defaults above.
    public init() {}

    /// Bit 31 of ``moduleType``.
    public var debug: Bool {
        get { moduleType & SigStructLayout.debugModuleBit != 0 }
        set {
            moduleType =
                newValue ? moduleType | SigStructLayout.debugModuleBit : moduleType & ~SigStructLayout.debugModuleBit
        }
    }

    /// The 2048 sigstruct bytes with these fields, the given seamhash, and the modulus,
    /// exponent and signature areas left for the signer.
    /// - Throws: ``ImageError/invalidBuildInput(_:)`` when a value does not fit its field.
    public func unsignedBytes(seamHash: some Collection<UInt8>) throws(ImageError) -> [UInt8] {
        typealias L = SigStructLayout
        guard cpuidTable.count <= L.maxCPUIDEntries else {
            throw .invalidBuildInput("\(cpuidTable.count) CPUID entries, the sigstruct holds at most 255")
        }
        guard seamHash.count == L.seamHash.count else {
            throw .invalidBuildInput("seamhash must be 48 bytes (SHA-384), got \(seamHash.count)")
        }
        if let version {
            guard (0...0xFF).contains(version.major), (0...0xFF).contains(version.minor),
                (0...0xFFFF).contains(version.update)
            else {
                throw .invalidBuildInput("version \(version) does not fit the sigstruct (major, minor < 256)")
            }
        }
        var bytes = [UInt8](repeating: 0, count: SigStruct.size)
        bytes.writeLE32(L.expectedHeaderType, at: L.headerType)
        bytes.writeLE32(L.expectedHeaderLength, at: L.headerLength)
        bytes.writeLE32(L.expectedHeaderVersion, at: L.headerVersion)
        bytes.writeLE32(moduleType, at: L.moduleType)
        bytes.writeLE32(L.expectedModuleVendor, at: L.moduleVendor)
        bytes.writeLE32(date.rawValue, at: L.date)
        bytes.writeLE32(L.expectedSizeDwords, at: L.size)
        bytes.writeLE32(L.expectedKeyDwords, at: L.keySize)
        bytes.writeLE32(L.expectedKeyDwords, at: L.modulusSize)
        bytes.writeLE32(L.expectedExponentDwords, at: L.exponentSize)
        bytes.writeBytes(seamHash, at: L.seamHash.lowerBound)
        bytes.writeLE16(svn, at: L.seamSVN)
        bytes.writeLE64(attributes, at: L.attributes)
        bytes.writeLE32(ripOffset, at: L.ripOffset)
        bytes[L.numStackPages] = numStackPages
        bytes[L.numTLSPages] = numTLSPages
        bytes.writeLE16(numKeyholePages, at: L.numKeyholePages)
        bytes.writeLE16(numGlobalDataPages, at: L.numGlobalDataPages)
        bytes.writeLE16(moduleHV, at: L.moduleHV)
        bytes.writeLE16(minUpdateHV, at: L.minUpdateHV)
        bytes[L.noDowngrade] = noDowngrade ? 1 : 0
        bytes.writeLE16(numHandoffPages, at: L.numHandoffPages)
        if let version {
            bytes.writeLE16(UInt16(version.update), at: L.embeddedVersion)
            bytes[L.embeddedVersion + 2] = UInt8(version.minor)
            bytes[L.embeddedVersion + 3] = UInt8(version.major)
            bytes.writeLE16(build, at: L.embeddedVersion + 4)
        }
        bytes.writeLE32(UInt32(cpuidTable.count), at: L.cpuidTableSize)
        for (index, entry) in cpuidTable.enumerated() {
            bytes.writeLE32(entry, at: L.cpuidTable + 4 * index)
        }
        return bytes
    }
}
