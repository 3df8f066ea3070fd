import TDXSysfs

extension HostStatus {
    /// Every host file that could not be read or made no sense, one line each naming the
    /// file: the attributes, the CPU lists and their consistency, and the upload interface.
    /// `list` shows them, since each one changes what `update` would do.
    public var problems: [String] {
        var problems: [String] = []
        if let reason = noTDXReason { problems.append(reason.description) }
        if tdxHostPresent {
            problems += [moduleVersion.problem, seamldrVersion.problem, remainingUpdates.problem].compactMap { $0 }
        }
        problems += [cpusOnline.problem, cpusPresent.problem, processors.problem].compactMap { $0 }
        if let cpuListProblem { problems.append(cpuListProblem) }
        switch uploadInterface {
        case .incomplete(let error): problems.append("the upload interface is incomplete: \(error)")
        case .busy(let status): problems.append("an upload is in progress (status: \(status))")
        case .ready, nil: break
        }
        return problems
    }
}
