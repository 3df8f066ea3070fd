/// The kernel's CPU list format, as in `/sys/devices/system/cpu/online`: "0-3,5,7-8".
///
/// Parsing takes time linear in the text plus the CPUs it names, which are bounded by
/// ``highestCPU``: the ranges are read without being expanded, sorted and merged only when
/// they are out of order or overlap, and expanded once. A 4 KiB file of 400 large ranges
/// parses in well under a millisecond.
public enum CPUList {
    /// The highest CPU number accepted: far above any kernel's NR_CPUS (8,192 on x86), low
    /// enough that the CPUs of any accepted list fit in memory at once.
    public static let highestCPU = 65_535

    /// The CPU numbers `text` names, ascending and without repeats; nil if `text` is not a
    /// CPU list or names a CPU above ``highestCPU``. An empty list (blank text) is valid
    /// and yields no CPUs.
    public static func parse(_ text: String) -> [Int]? {
        guard let ranges = ranges(text) else { return nil }
        var cpus: [Int] = []
        cpus.reserveCapacity(ranges.reduce(0) { $0 + $1.count })
        for range in ranges { cpus.append(contentsOf: range) }
        return cpus
    }

    /// The ranges `text` names, ascending, merged where they touch or overlap; nil if
    /// `text` is not a CPU list.
    public static func ranges(_ text: String) -> [ClosedRange<Int>]? {
        let trimmed = text.trimmingEdges()
        if trimmed.isEmpty { return [] }
        var ranges: [ClosedRange<Int>] = []
        var ordered = true
        for element in trimmed.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            guard let range = range(element) else { return nil }
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 { ordered = false }
            ranges.append(range)
        }
        return ordered ? ranges : merged(ranges)
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

    /// "N" or "N-M" with N <= M <= highestCPU.
    private static func range(_ element: Substring.UTF8View.SubSequence) -> ClosedRange<Int>? {
        let bounds = element.split(separator: UInt8(ascii: "-"), maxSplits: 1, omittingEmptySubsequences: false)
        guard let low = number(bounds[0]), let high = bounds.count == 2 ? number(bounds[1]) : low, low <= high
        else { return nil }
        return low...high
    }

    /// Sorted by start and merged, in O(n log n) for n ranges.
    private static func merged(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// A decimal number of at most six digits without sign or spaces, at most highestCPU.
    private static func number(_ digits: Substring.UTF8View.SubSequence) -> Int? {
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value <= highestCPU ? value : nil
    }
}
