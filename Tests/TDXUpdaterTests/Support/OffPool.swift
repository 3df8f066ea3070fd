import Dispatch

/// Runs blocking work (a child process, a long file-system walk) on a Dispatch thread, so
/// it does not hold one of the few cooperative threads that the async tests' timers need.
func offPool<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Swift.Result { try work() }) }
    }
}
