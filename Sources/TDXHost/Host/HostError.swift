import TDXImage

/// Why a simulated host could not be built.
public enum HostError: Error, Sendable, CustomStringConvertible {
    /// The CPU set could not be made (affinity unreadable, or a count below 1).
    case cpus(String)
    /// The running image does not parse or carries no version.
    case runningImage(String)
    /// The firmware model refused to boot the running image.
    case firmwareBoot(String)
    /// A fault names a CPU the host does not have, or a CPU that never runs that step.
    case faultNeverFires(StepFault, reason: String)
    /// The stop machine could not start its threads.
    case engine(String)

    public var description: String {
        switch self {
        case .cpus(let detail): return "cannot set up the host's CPUs: \(detail)"
        case .runningImage(let detail): return "the running module image is unusable: \(detail)"
        case .firmwareBoot(let detail): return "the firmware model did not boot the running module: \(detail)"
        case .faultNeverFires(let fault, let reason): return "fault \(fault) would never fire: \(reason)"
        case .engine(let detail): return "cannot start the stop machine: \(detail)"
        }
    }
}
