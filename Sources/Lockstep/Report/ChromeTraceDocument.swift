/// The top-level object of a trace-event file.
struct ChromeTraceDocument: Codable {
    let traceEvents: [ChromeTraceEvent]
    let displayTimeUnit: String
    let otherData: [String: String]
}
