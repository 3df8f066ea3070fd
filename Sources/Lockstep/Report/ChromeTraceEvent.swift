/// One trace event; field names are the format's own (`ph`, `ts`, `dur`, `pid`, `tid`).
struct ChromeTraceEvent: Codable {
    let name: String
    let category: String?
    let phase: String
    let timestampUs: Double?
    let durationUs: Double?
    let processID: Int
    let threadID: Int
    let scope: String?
    let args: [String: ChromeTraceArg]

    init(
        name: String, category: String?, phase: String, timestampUs: Double?, durationUs: Double?,
        threadID: Int, scope: String?, args: [String: ChromeTraceArg]
    ) {
        self.name = name
        self.category = category
        self.phase = phase
        self.timestampUs = timestampUs
        self.durationUs = durationUs
        processID = 1
        self.threadID = threadID
        self.scope = scope
        self.args = args
    }

    enum CodingKeys: String, CodingKey {
        case name
        case category = "cat"
        case phase = "ph"
        case timestampUs = "ts"
        case durationUs = "dur"
        case processID = "pid"
        case threadID = "tid"
        case scope = "s"
        case args
    }
}
