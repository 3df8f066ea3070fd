/// Why a `CPUSet` or a `StopMachine` could not be set up.
public enum LockstepError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `sched_getaffinity` failed or returned an empty mask.
    case affinityUnreadable(errno: Int32)
    /// `pthread_create` failed for the stopper of `cpu` (errno value `code`).
    case threadCreationFailed(cpu: Int, code: Int32)
    /// Pinning the stopper thread to `cpu` failed (errno value `code`).
    case pinningFailed(cpu: Int, code: Int32)
    /// The machine was shut down; create a new `StopMachine` to run more procedures.
    case machineShutDown

    public var description: String {
        switch self {
        case .affinityUnreadable(let errno):
            return "cannot read the process's CPU affinity mask (errno \(errno)); "
                + "use CPUSet.simulated(count:) where affinity is unavailable"
        case .threadCreationFailed(let cpu, let code):
            return "cannot create the stopper thread for CPU \(cpu) (pthread_create: errno \(code)); "
                + "check the thread limit (ulimit -u) and memory"
        case .pinningFailed(let cpu, let code):
            return "cannot pin the stopper thread to CPU \(cpu) (errno \(code)); "
                + "the CPU may have gone offline or left the affinity mask"
        case .machineShutDown:
            return "the StopMachine was shut down; create a new one to run procedures"
        }
    }
}
