import TDXSysfs

extension HostStatus {
    /// Why the CPU lists cannot be trusted, nil when they agree: an empty `present` or
    /// `online` list, online CPUs that are not present, or a `/proc/cpuinfo` that lists
    /// other CPUs than `online` (the image's CPU table would then be checked against the
    /// wrong CPUs). Unreadable lists are reported by their readings instead.
    public var cpuListProblem: String? {
        guard let present = cpusPresent.value, let online = cpusOnline.value else { return nil }
        if present.isEmpty { return "\(HostPaths.cpusPresent) lists no CPUs" }
        if online.isEmpty { return "\(HostPaths.cpusOnline) lists no CPUs" }
        let presentSet = Set(present)
        let strays = online.filter { !presentSet.contains($0) }
        if !strays.isEmpty {
            return "CPUs \(CPUList.format(strays)) are online (\(HostPaths.cpusOnline)) but not present "
                + "(\(HostPaths.cpusPresent))"
        }
        if let processors = processors.value {
            let listed = processors.map(\.processor)
            if Set(listed) != Set(online) {
                return "\(HostPaths.cpuinfo) lists CPUs \(CPUList.format(listed)) but \(HostPaths.cpusOnline) "
                    + "lists \(CPUList.format(online))"
            }
        }
        return nil
    }

    /// The host paths whose readings differ between `self` and `other`, in reading order:
    /// what changed between the checks and the upload.
    public func changedPaths(since other: HostStatus) -> [String] {
        var paths: [String] = []
        if tdxHostPresent != other.tdxHostPresent { paths.append(HostPaths.tdxHost) }
        if layout != other.layout { paths.append(HostPaths.tdxHost + " (interface layout)") }
        if moduleVersion != other.moduleVersion { paths.append(HostPaths.moduleVersion) }
        if seamldrVersion != other.seamldrVersion {
            paths.append(layout.seamldrVersionPath ?? HostPaths.seamldrVersion)
        }
        if remainingUpdates != other.remainingUpdates {
            paths.append(layout.remainingUpdatesPath ?? HostPaths.remainingUpdates)
        }
        if cpusOnline != other.cpusOnline { paths.append(HostPaths.cpusOnline) }
        if cpusPresent != other.cpusPresent { paths.append(HostPaths.cpusPresent) }
        if processors != other.processors { paths.append(HostPaths.cpuinfo) }
        if uploadStatus != other.uploadStatus || uploadInterface != other.uploadInterface {
            paths.append(layout.uploadPath(.status) ?? HostPaths.firmwareClass)
        }
        return paths
    }
}
