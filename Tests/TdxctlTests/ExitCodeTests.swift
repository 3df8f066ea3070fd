import ArgumentParser
import TDXUpdater
import Testing

@testable import tdxctl

/// Scripts branch on these numbers (README "Exit codes"): each outcome keeps its own code.
@Suite("exit codes")
struct ExitCodeTests {
    /// Each way an update can end, with the exit code README.md documents for it.
    static let updateResults: [(UpdateResult, Int32)] = [
        (.completed, 0), (.dryRun, 0), (.refused(.noRemainingUpdates), 10), (.refused(.cpusOffline([3])), 10),
        (.failedHarmless("old module runs"), 11), (.failedFatal("version unreadable"), 12),
        (.timedOut("still programming"), 14), (.noTDX("no tdx_host"), 20), (.error("unreadable image"), 1),
    ]

    @Test("update: every result maps to its documented exit code")
    func updateExitCodes() {
        for (result, expected) in Self.updateResults {
            #expect(UpdateCommand.exitCode(for: result).rawValue == expected, "\(result)")
        }
    }

    @Test("the codes are distinct, and none collides with success, error or usage")
    func codesAreDistinct() {
        let codes: [ExitCode] = [.refused, .failedHarmless, .failedFatal, .recovered, .timedOut, .noTDX]
        let values = codes.map(\.rawValue)
        #expect(Set(values).count == codes.count)
        #expect(values.allSatisfy { ![0, 1, 64].contains($0) })
    }
}
