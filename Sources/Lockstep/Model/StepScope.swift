/// Which CPUs run a step's body.
public enum StepScope: Sendable, Hashable, CustomStringConvertible {
    /// One CPU, given by its id; nil means the lead CPU (index 0).
    case once(cpu: Int? = nil)
    /// Every CPU in ascending index order, never two at once.
    case serial
    /// Every CPU at the same time.
    case concurrent

    /// The scope's name in reports: "once", "serial" or "concurrent".
    public var name: String {
        switch self {
        case .once: "once"
        case .serial: "serial"
        case .concurrent: "concurrent"
        }
    }

    public var description: String {
        if case .once(let cpu?) = self { return "once(cpu: \(cpu))" }
        return name
    }
}
