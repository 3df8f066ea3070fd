import BenchBaselines
import Foundation
import Lockstep

/// What the benchmark ran on, printed with every result so numbers can be compared.
public struct Machine: Sendable, Codable {
    /// CPU model name from /proc/cpuinfo.
    public let cpuModel: String
    /// CPUs in the process's affinity mask.
    public let allowedCPUs: [Int]
    /// Kernel release (uname -r).
    public let kernel: String
    /// The 1, 5 and 15 minute load averages when the run started.
    public let loadAverageAtStart: [Double]
    /// The same when the run ended (filled in by `finished()`).
    public var loadAverageAtEnd: [Double]?

    /// Describes the current machine and reads the load average now.
    public static func current() -> Machine {
        Machine(
            cpuModel: cpuModelName(), allowedCPUs: affinityCPUs(), kernel: kernelRelease(),
            loadAverageAtStart: loadAverage(), loadAverageAtEnd: nil)
    }

    /// Returns a copy with the load average at the end of the run.
    public func finished() -> Machine {
        var copy = self
        copy.loadAverageAtEnd = Machine.loadAverage()
        return copy
    }

    /// One line for human output.
    public var summary: String {
        let start = loadAverageAtStart.map { String(format: "%.2f", $0) }.joined(separator: " ")
        var text =
            "\(cpuModel), CPUs \(allowedCPUs.map(String.init).joined(separator: ",")), "
            + "Linux \(kernel), load average at start \(start)"
        if let end = loadAverageAtEnd {
            text += ", at end " + end.map { String(format: "%.2f", $0) }.joined(separator: " ")
        }
        return text
    }

    /// The 1, 5 and 15 minute load averages from /proc/loadavg (empty if unreadable).
    public static func loadAverage() -> [Double] {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    /// CPUs of the affinity mask, ascending: the set the engine pins its stoppers to.
    public static func affinityCPUs() -> [Int] {
        ((try? CPUSet.online())?.cpus ?? []).map(\.id)
    }

    private static func cpuModelName() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown CPU"
    }

    private static func kernelRelease() -> String {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "unknown"
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    enum CodingKeys: String, CodingKey {
        case cpuModel = "cpu_model"
        case allowedCPUs = "allowed_cpus"
        case kernel
        case loadAverageAtStart = "load_average_at_start"
        case loadAverageAtEnd = "load_average_at_end"
    }
}
