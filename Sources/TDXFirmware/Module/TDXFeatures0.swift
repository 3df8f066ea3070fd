/// Bits of TDX_FEATURES0 this model knows.
public enum TDXFeatures0 {
    /// Bit 1: TD-preserving update supported (the kernel's "runtime update supported").
    public static let tdPreserving: UInt64 = 1 << 1
    /// Bit 18: NO_RBP_MOD (the kernel refuses to initialise a module without it).
    public static let noRBPMod: UInt64 = 1 << 18
    /// Bit 47: UPDATE_COMPAT, TDH.SYS.SHUTDOWN understands RCX bit 16 (avoid update-sensitive operations).
    public static let updateCompat: UInt64 = 1 << 47
}
