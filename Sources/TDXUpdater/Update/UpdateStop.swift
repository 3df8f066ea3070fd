/// A check that ends `update` before the upload: the result and the message to report.
struct UpdateStop: Error {
    /// An error, with the error's own message.
    static func error(_ error: UpdateError) -> UpdateStop {
        UpdateStop(.error(error), error.description)
    }

    /// No TDX, with the reason's own message.
    static func noTDX(_ reason: NoTDXReason) -> UpdateStop {
        UpdateStop(.noTDX(reason), reason.description)
    }

    let result: UpdateResult
    let message: String

    init(_ result: UpdateResult, _ message: String) {
        self.result = result
        self.message = message
    }

    /// A refusal, with the refusal's own message.
    static func refused(_ refusal: UpdateRefusal) -> UpdateStop {
        UpdateStop(.refused(refusal), refusal.description)
    }
}
