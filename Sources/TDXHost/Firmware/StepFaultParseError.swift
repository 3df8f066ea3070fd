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
