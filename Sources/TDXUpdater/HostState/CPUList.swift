/// The kernel's CPU list format, as in `/sys/devices/system/cpu/online`: "0-3,5,7-8".
public enum CPUList {
    /// The CPU numbers `text` names, ascending; nil if `text` is not a CPU list.
    /// An empty list (blank text) is valid and yields no CPUs.
    public static func parse(_ text: String) -> [Int]? {
        let trimmed = text.trimmingEdges()
        if trimmed.isEmpty { return [] }
        var cpus: Set<Int> = []
        for range in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = range.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]), low >= 0,
                let high = bounds.count == 2 ? Int(bounds[1]) : low, high >= low, high - low < 1 << 20
            else { return nil }
            for cpu in low...high { cpus.insert(cpu) }
        }
        return cpus.sorted()
    }

    /// The compact form of `cpus`: "0-3,5".
    public static func format(_ cpus: [Int]) -> String {
        let sorted = Array(Set(cpus)).sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
