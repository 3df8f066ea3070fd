/// SEAMEXTEND / TEE_TCB_INFO of the running module, as P-SEAMLDR records it after an install.
public struct SeamExtend: Hashable, Sendable {
    /// Size in bytes inside SEAMLDR_INFO.
    public static let size = 136

    /// Which fields are valid (0x1FF after a successful install, 0 when no module).
    public var valid: UInt64 = 0
    /// The module's SEAM SVN: low byte minor SVN, high byte major SVN.
    public var seamSVN: UInt16 = 0
    /// The rest of TCB_SVN (last patch SE SVN and reserved), 14 bytes.
    public var tcbSVNRest = [UInt8](repeating: 0, count: 14)
    /// MRSEAM: the module's SEAMHASH (SHA-384 of the module pages).
    public var mrSeam = [UInt8](repeating: 0, count: 48)
    /// MRSIGNERSEAM (P-SEAMLDR writes zeros).
    public var mrSignerSeam = [UInt8](repeating: 0, count: 48)
    /// Module attributes.
    public var attributes: UInt64 = 0
    /// True while SEAMCALLs to the module are allowed (cleared by the first SEAMLDR.INSTALL of a session).
    public var seamReady = false
    /// Platform under debug.
    public var systemUnderDebug = false
    /// P-SEAMLDR ready.
    public var pSeamldrReady = true

    /// An all-zero record (no module).
    public init() {}

    init(bytes: [UInt8], at base: Int) {
        valid = bytes.readLE(UInt64.self, at: base)
        seamSVN = bytes.readLE(UInt16.self, at: base + 0x08)
        tcbSVNRest = Array(bytes[(base + 0x0A)..<(base + 0x18)])
        mrSeam = Array(bytes[(base + 0x18)..<(base + 0x48)])
        mrSignerSeam = Array(bytes[(base + 0x48)..<(base + 0x78)])
        attributes = bytes.readLE(UInt64.self, at: base + 0x78)
        seamReady = bytes[base + 0x80] != 0
        systemUnderDebug = bytes[base + 0x81] != 0
        pSeamldrReady = bytes[base + 0x82] != 0
    }

    func write(into out: inout [UInt8], at base: Int) {
        out.writeLE(valid, at: base)
        out.writeLE(seamSVN, at: base + 0x08)
        out.replaceSubrange((base + 0x0A)..<(base + 0x18), with: tcbSVNRest.padded(to: 14))
        out.replaceSubrange((base + 0x18)..<(base + 0x48), with: mrSeam.padded(to: 48))
        out.replaceSubrange((base + 0x48)..<(base + 0x78), with: mrSignerSeam.padded(to: 48))
        out.writeLE(attributes, at: base + 0x78)
        out[base + 0x80] = seamReady ? 1 : 0
        out[base + 0x81] = systemUnderDebug ? 1 : 0
        out[base + 0x82] = pSeamldrReady ? 1 : 0
    }
}
