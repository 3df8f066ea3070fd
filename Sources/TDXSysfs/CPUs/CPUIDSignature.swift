/// A CPU's identity as CPUID leaf 1 returns it in EAX: stepping, model, family and their
/// extended fields. TDX module sigstructs list the signatures they support (stepping bits
/// cleared), and the updater checks every CPU of the host against that list.
public struct CPUIDSignature: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The raw CPUID.1.EAX value.
    public let rawValue: UInt32

    /// A signature from the raw CPUID.1.EAX value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The signature of a CPU as `/proc/cpuinfo` shows it: "cpu family" and "model" are
    /// the display values (base plus extended parts), "stepping" the stepping.
    /// Returns nil for values CPUID.1.EAX cannot encode.
    public init?(family: Int, model: Int, stepping: Int) {
        guard (0...0x10E).contains(family), (0...0xFF).contains(model), (0...0xF).contains(stepping) else {
            return nil
        }
        let baseFamily = min(family, 0xF)
        let extendedFamily = family - baseFamily
        let usesExtendedModel = baseFamily == 0x6 || baseFamily == 0xF
        guard usesExtendedModel || model <= 0xF else { return nil }
        let raw =
            UInt32(stepping) | UInt32(model & 0xF) << 4 | UInt32(baseFamily) << 8
            | UInt32(model >> 4) << 16 | UInt32(extendedFamily) << 20
        self.init(rawValue: raw)
    }

    /// The display family (base family plus extended family when the base is 0xF).
    public var family: Int {
        let base = Int(rawValue >> 8 & 0xF)
        return base == 0xF ? base + Int(rawValue >> 20 & 0xFF) : base
    }

    /// The display model (extended model in the high nibble for families 6 and 15).
    public var model: Int {
        let base = Int(rawValue >> 4 & 0xF)
        let baseFamily = rawValue >> 8 & 0xF
        return baseFamily == 0x6 || baseFamily == 0xF ? Int(rawValue >> 16 & 0xF) << 4 | base : base
    }

    /// The stepping (bits 3:0).
    public var stepping: Int { Int(rawValue & 0xF) }

    /// The signature with the stepping cleared, as module CPUID tables are compared
    /// (Intel's script masks both sides with 0xFFFFFFF0).
    public var withoutStepping: CPUIDSignature { CPUIDSignature(rawValue: rawValue & 0xFFFF_FFF0) }

    /// Hexadecimal, e.g. "0x806F8".
    public var hex: String { "0x" + String(rawValue, radix: 16, uppercase: true) }

    /// E.g. "0x806F8 (family 6 model 0x8F stepping 8)".
    public var description: String {
        "\(hex) (family \(family) model 0x\(String(model, radix: 16, uppercase: true)) stepping \(stepping))"
    }

    public static func < (lhs: CPUIDSignature, rhs: CPUIDSignature) -> Bool { lhs.rawValue < rhs.rawValue }
}
