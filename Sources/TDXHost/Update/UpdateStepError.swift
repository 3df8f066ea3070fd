import TDXFirmware

/// A CPU's work of an update step failed: the firmware call, and what it returned.
public struct UpdateStepError: Error, Sendable, CustomStringConvertible {
    /// The step.
    public var step: UpdateStep
    /// The CPU id.
    public var cpu: Int
    /// The SEAMCALL leaf's name.
    public var leaf: String
    /// The status it returned.
    public var status: SeamcallStatus

    public var description: String { "\(leaf) on CPU \(cpu) returned \(status)" }
}
