import ChildProcess
import Foundation

// Async forms of the process runners. Swift Testing runs tests on the cooperative pool, one
// thread per core (two on CI's machine); a test blocked on a child process holds one, and the
// async upload tests beside it time out. Awaiting these leaves the pool free.

extension Tdxctl {
    /// ``run(_:launcher:)`` off the cooperative pool.
    static func run(_ arguments: [String], launcher: [String] = []) async throws -> ChildRun {
        try await offPool { try run(arguments, launcher: launcher) }
    }
}

extension ExternalTool {
    /// ``run(_:input:)`` off the cooperative pool.
    func run(_ arguments: [String], input: String = "") async throws -> ChildRun {
        try await offPool { try run(arguments, input: input) }
    }
}
