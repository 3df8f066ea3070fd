import TDXFirmware

/// A firmware call of the update to fail on purpose: `--inject STEP:CPU[:STATUS]`.
///
/// The first firmware call that CPU `cpu` makes in step `step` returns `status` instead of
/// running (the firmware's state does not change), exactly as if the firmware had refused;
/// or, with ``hangs``, never returns, as a stuck CPU would (the engine's watchdog names
/// it; the update never ends).
public struct StepFault: Sendable, Hashable, CustomStringConvertible {
    /// The step whose call fails.
    public var step: UpdateStep
    /// The CPU (OS id, or index for simulated CPUs) whose call fails.
    public var cpu: Int
    /// The status to return; nil picks the firmware's most plausible failure for the leaf.
    public var status: SeamcallStatus?
    /// The call never returns (STATUS `hang`); `status` is then unused.
    public var hangs: Bool

    /// Creates a fault.
    public init(step: UpdateStep, cpu: Int, status: SeamcallStatus? = nil, hangs: Bool = false) {
        self.step = step
        self.cpu = cpu
        self.status = status
        self.hangs = hangs
    }

    /// Parses "install:1", "shutdown:0", "init:2:TDX_SYS_BUSY" (a status may also be a
    /// number, decimal or 0x-hex) or "install:1:hang".
    public init(parsing text: String) throws(StepFaultParseError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else { throw .malformed(text) }
        guard let step = UpdateStep(rawValue: parts[0].lowercased()) else {
            throw .unknownStep(parts[0])
        }
        guard let cpu = Int(parts[1]), cpu >= 0 else { throw .badCPU(parts[1]) }
        var status: SeamcallStatus?
        var hangs = false
        if parts.count == 3 {
            if parts[2].lowercased() == "hang" {
                hangs = true
            } else {
                guard let parsed = Self.parseStatus(parts[2]) else { throw .unknownStatus(parts[2]) }
                status = parsed
            }
        }
        self.init(step: step, cpu: cpu, status: status, hangs: hangs)
    }

    static func parseStatus(_ text: String) -> SeamcallStatus? {
        if text.lowercased().hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) {
            return SeamcallStatus(rawValue: value)
        }
        if let value = UInt64(text) { return SeamcallStatus(rawValue: value) }
        return SeamcallStatus(name: text.uppercased())
    }

    /// "install:1", "init:2:TDX_SYS_BUSY" or "install:1:hang".
    public var description: String {
        if hangs { return "\(step):\(cpu):hang" }
        return "\(step):\(cpu)" + (status.map { ":\($0.name ?? String($0.rawValue, radix: 16))" } ?? "")
    }
}

/// Why an `--inject` value was not understood.
public enum StepFaultParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not of the form STEP:CPU[:STATUS].
    case malformed(String)
    /// The step is not one of the update's steps.
    case unknownStep(String)
    /// The CPU is not a non-negative number.
    case badCPU(String)
    /// The status is neither a known status name nor a number.
    case unknownStatus(String)

    public var description: String {
        let steps = UpdateStep.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .malformed(let text):
            return
                "fault \(text.debugDescription) is not STEP:CPU[:STATUS] (e.g. install:1, init:2:TDX_SYS_BUSY or install:1:hang)"
        case .unknownStep(let step):
            return "unknown step \(step.debugDescription) in fault; steps are \(steps)"
        case .badCPU(let cpu):
            return "CPU \(cpu.debugDescription) in fault is not a CPU number"
        case .unknownStatus(let status):
            return
                "status \(status.debugDescription) in fault is not a known status name (e.g. TDX_SYS_BUSY), a number or hang"
        }
    }
}
