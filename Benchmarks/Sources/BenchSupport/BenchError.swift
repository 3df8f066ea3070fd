/// Why a benchmark could not run.
public enum BenchError: Error, CustomStringConvertible {
    /// A C baseline failed to create or pin its threads.
    case threads(baseline: String, errno: Int32)
    /// The machine has fewer CPUs than the benchmark needs.
    case notEnoughCPUs(needed: Int, allowed: [Int])
    /// An input file could not be found or read.
    case input(path: String, reason: String)
    /// An external tool failed.
    case tool(command: String, status: Int32, output: String)

    /// A message that says what failed and what to do.
    public var description: String {
        switch self {
        case .threads(let baseline, let errno):
            return "\(baseline): could not start or pin its threads (errno \(errno)); check the affinity mask"
        case .notEnoughCPUs(let needed, let allowed):
            return
                "needs \(needed) CPUs in the affinity mask, has \(allowed); run without taskset or on a larger machine"
        case .input(let path, let reason):
            return "\(path): \(reason)"
        case .tool(let command, let status, let output):
            return "`\(command)` exited with \(status): \(output)"
        }
    }
}

/// Turns a C baseline's result (ns per operation, or -errno) into a value or an error.
public func checkedBaseline(_ name: String, _ result: Double) throws(BenchError) -> Double {
    if result < 0 { throw .threads(baseline: name, errno: Int32(-result)) }
    return result
}
