import BenchSupport

/// What serve-bench measured, per operation and way ("tmpfs", "in process", "mount").
struct ServeResult: Encodable {
    var machine: Machine
    var versionRead: [String: Latencies] = [:]
    var versionOpen: [String: Latencies] = [:]
    var versionClose: [String: Latencies] = [:]
    var reread: [String: Latencies] = [:]
    var dataWrite: [String: Latencies] = [:]
    var update: [String: Latencies] = [:]
    var failedUpdates = 0

    init(machine: Machine) { self.machine = machine }

    /// Median of the whole update through the mount over in process.
    var updateRatio: Double {
        (update["mount"]?.median ?? .nan) / (update["in process"]?.median ?? .nan)
    }

    /// Goal: a `version` read through the mount under 50 µs median.
    var versionGoalMet: Bool { (versionRead["mount"]?.median ?? .infinity) < 50_000 }
    /// Goal: a whole update through the mount within 1.5x of in process.
    var updateGoalMet: Bool { updateRatio <= 1.5 }

    enum CodingKeys: String, CodingKey {
        case machine, update
        case versionRead = "version_read"
        case versionOpen = "version_open"
        case versionClose = "version_close"
        case reread = "reread_open_file"
        case dataWrite = "data_write_600k"
        case failedUpdates = "failed_updates"
        case updateRatio = "update_mount_over_in_process"
        case versionGoalMet = "version_read_goal_met"
        case updateGoalMet = "update_goal_met"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(machine, forKey: .machine)
        try container.encode(versionRead, forKey: .versionRead)
        try container.encode(versionOpen, forKey: .versionOpen)
        try container.encode(versionClose, forKey: .versionClose)
        try container.encode(reread, forKey: .reread)
        try container.encode(dataWrite, forKey: .dataWrite)
        try container.encode(update, forKey: .update)
        try container.encode(failedUpdates, forKey: .failedUpdates)
        try container.encode(updateRatio, forKey: .updateRatio)
        try container.encode(versionGoalMet, forKey: .versionGoalMet)
        try container.encode(updateGoalMet, forKey: .updateGoalMet)
    }

    func render() -> String {
        var table = TextTable(header: ["operation (median / p90)", "tmpfs", "in process", "mount"])
        func cell(_ latencies: Latencies?) -> String {
            guard let latencies else { return "-" }
            return "\(formatNs(latencies.median)) / \(formatNs(latencies.percentile(0.9)))"
        }
        for (name, values) in [
            ("read version", versionRead), ("  of which open(2)", versionOpen), ("  of which close(2)", versionClose),
            ("reread an open file", reread),
            ("write 600 KiB to data", dataWrite),
            ("update: loading=0 -> idle", update),
        ] {
            table.append([name, cell(values["tmpfs"]), cell(values["in process"]), cell(values["mount"])])
        }
        return [
            machine.summary, "", table.render(), "",
            String(
                format: "update through the mount / in process: %.2fx (goal <= 1.5x: %@)", updateRatio,
                updateGoalMet ? "met" : "missed"),
            "version read through the mount: \(formatNs(versionRead["mount"]?.median ?? .nan)) median (goal < 50 µs: "
                + "\(versionGoalMet ? "met" : "missed"))",
            "failed updates: \(failedUpdates)",
        ].joined(separator: "\n")
    }
}
