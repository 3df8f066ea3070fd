/// The 8-byte header at the start of the module data region: valid u8, reserved u8, hv u16, size u32.
public struct HandoffHeader: Hashable, Sendable {
    /// Header size in bytes.
    public static let size = 8
    /// Set by TDH.SYS.SHUTDOWN; cleared by TDH.SYS.UPDATE once it has consumed the data.
    public var valid: Bool
    /// The handoff version the data was written in.
    public var hv: UInt16
    /// Size of the data after the header.
    public var size: UInt32
}
