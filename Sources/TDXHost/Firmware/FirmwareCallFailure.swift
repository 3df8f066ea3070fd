import TDXFirmware

/// A firmware call that failed during an update.
public struct FirmwareCallFailure: Sendable, Hashable {
    /// The update step that made the call.
    public var step: UpdateStep
    /// The CPU id that made the call.
    public var cpu: Int
    /// The SEAMCALL leaf's name, e.g. "SEAMLDR.INSTALL".
    public var leaf: String
    /// The status the call returned.
    public var status: SeamcallStatus
    /// Whether the failure was injected (`--inject`) rather than the firmware's own.
    public var injected: Bool
}
