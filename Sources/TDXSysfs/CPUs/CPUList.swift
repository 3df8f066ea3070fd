/// The kernel's CPU list format, as in `/sys/devices/system/cpu/online`: "0-3,5,7-8".
///
/// Both directions run in time linear in the number of CPUs for the ascending lists the
/// kernel writes; other input is sorted once.
public enum CPUList {
    /// The largest range one element may name (the kernel's NR_CPUS is far below it).
    public static let maximumRange = 1 << 20

    /// The CPU numbers `text` names, ascending and without repeats; nil if `text` is not a
    /// CPU list. An empty list (blank text) is valid and yields no CPUs.
    public static func parse(_ text: String) -> [Int]? {
        let trimmed = text.trimmingEdges()
        if trimmed.isEmpty { return [] }
        var cpus: [Int] = []
        var ascending = true
        for range in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = range.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let low = number(bounds[0]), let high = bounds.count == 2 ? number(bounds[1]) : low,
                high >= low, high - low < maximumRange
            else { return nil }
            if let last = cpus.last, low <= last { ascending = false }
            cpus.append(contentsOf: low...high)
        }
        return ascending ? cpus : Array(Set(cpus)).sorted()
    }

    /// The compact form of `cpus`: "0-3,5". Repeats are ignored.
    public static func format(_ cpus: [Int]) -> String {
        let ascending = zip(cpus, cpus.dropFirst()).allSatisfy { $0 < $1 }
        let sorted = ascending ? cpus : Array(Set(cpus)).sorted()
        var text = ""
        var index = sorted.startIndex
        while index < sorted.endIndex {
            var end = index
            while end + 1 < sorted.endIndex && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            if !text.isEmpty { text += "," }
            text += end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])"
            index = end + 1
        }
        return text
    }

    /// A non-negative decimal number without sign or spaces.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}
