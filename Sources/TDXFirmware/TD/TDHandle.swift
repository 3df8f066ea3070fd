/// Identifies a TD the way the host does: by the physical address of its TDR page.
public struct TDHandle: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The TDR page's physical address.
    public var rawValue: UInt64

    /// Wraps a TDR address.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Orders by address (creation order in this model).
    public static func < (lhs: TDHandle, rhs: TDHandle) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `TD@0x200000001000`.
    public var description: String { "TD@0x\(String(rawValue, radix: 16))" }
}
