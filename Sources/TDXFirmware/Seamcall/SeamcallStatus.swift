/// The 64-bit completion status a SEAMCALL returns in RAX.
///
/// TDX module statuses keep their class in the upper 32 bits and may carry detail (an operand id) in the
/// lower 32 bits; the kernel compares them under ``classMask``. P-SEAMLDR statuses use the full 64 bits.
/// Unknown values round-trip: this is a `RawRepresentable` struct, not an enum (swift-system's `Errno` style).
public struct SeamcallStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The value of RAX after the SEAMCALL.
    public var rawValue: UInt64

    /// Wraps a raw RAX value.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The mask the kernel applies before comparing TDX module statuses (`TDX_SEAMCALL_STATUS_MASK`).
    public static let classMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// Bit 63: set on every error.
    public var isError: Bool { rawValue & (1 << 63) != 0 }

    /// True when the call completed (`TDX_SUCCESS` / `PSEAMLDR_SUCCESS`); informational codes count as success.
    public var isSuccess: Bool { !isError }

    /// Bit 62 on an error: the TDX convention for "non-recoverable" classes (0xC...).
    public var isNonRecoverable: Bool { isError && rawValue & (1 << 62) != 0 }

    /// The status without its detail bits, for comparing TDX module statuses by class.
    public var statusClass: SeamcallStatus {
        // P-SEAMLDR and software-defined statuses are compared whole.
        if SeamcallStatus.wholeValueNames[rawValue] != nil { return self }
        return SeamcallStatus(rawValue: rawValue & Self.classMask)
    }

    /// The detail in the lower 32 bits (the operand id for `TDX_OPERAND_INVALID`, e.g. 1 = RCX).
    public var detail: UInt32 { UInt32(truncatingIfNeeded: rawValue) }

    /// This status with `detail` in the lower 32 bits, as the module reports a bad operand.
    public func with(detail: UInt32) -> SeamcallStatus {
        SeamcallStatus(rawValue: rawValue & Self.classMask | UInt64(detail))
    }

    /// True when both statuses belong to the same class (TDX) or are equal (P-SEAMLDR, software).
    public func matches(_ other: SeamcallStatus) -> Bool { statusClass == other.statusClass }

    /// The firmware's own name for this status (`TDX_SYS_BUSY`, `PSEAMLDR_EBADSIG`), or nil when unknown.
    public var name: String? {
        if let name = SeamcallStatus.wholeValueNames[rawValue] { return name }
        return SeamcallStatus.classNames[rawValue & Self.classMask]
    }

    /// The name and the hex value, e.g. `TDX_OPERAND_INVALID (0xC000010000000001)`.
    public var description: String {
        let hex = "0x" + String(rawValue, radix: 16, uppercase: true).leftPadded(to: 16)
        return "\(name ?? "UNKNOWN_STATUS") (\(hex))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
