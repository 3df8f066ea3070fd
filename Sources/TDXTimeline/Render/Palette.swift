/// The picture's colours. Step colours come from two separate sets, one for the update's
/// own steps and one for recovery, and neither holds the failure red.
enum Palette {
    static let mainSteps = ["#4e79a7", "#76b7b2", "#59a14f", "#edc948", "#9c755f", "#bab0ac"]
    static let recoverySteps = ["#b07aa1", "#ff9da7", "#8c6bb1", "#d4a6c8"]
    static let failure = "#d62728"
    static let blackout = "#9aa0a6"
    static let drain = "#5f6368"
    static let tdCalls = "#3c4043"
    static let laneStripe = "#f1f3f4"
    static let grid = "#dadce0"
    static let text = "#202124"
    static let mutedText = "#5f6368"

    static func heading(_ severity: Timeline.Outcome.Severity) -> String {
        switch severity {
        case .success: "#188038"
        case .warning: "#b06000"
        case .fatal: failure
        }
    }
}
