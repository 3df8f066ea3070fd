/// Why the model refused a call: the status and a sentence for the failure's reason.
struct Refusal: Error, Sendable {
    var status: SeamcallStatus
    var reason: String

    init(_ status: SeamcallStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }
}
