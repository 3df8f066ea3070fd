import Foundation

/// Runs blocking work (a child process, a polling loop) on a thread of its own and awaits
/// its result.
///
/// Swift Testing runs tests on Swift's cooperative pool, which has one thread per core: two
/// on CI's machine. A test that blocks one of them (waiting for `tdxctl` to exit) starves the
/// async tests beside it, whose uploads then time out. Tests that wait on processes call
/// this instead of blocking.
func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

extension Tdxctl {
    /// ``run(_:launcher:)`` on a thread of its own.
    static func run(_ arguments: [String], launcher: [String] = []) async throws -> Run {
        try await onOwnThread { try run(arguments, launcher: launcher) }
    }
}

extension ExternalTool {
    /// ``run(_:input:)`` on a thread of its own.
    func run(_ arguments: [String], input: String = "") async throws -> Output {
        try await onOwnThread { try run(arguments, input: input) }
    }
}
