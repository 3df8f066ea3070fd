import ArgumentParser
import TDXImage
import TDXSysfs
import TDXUpdater
import Testing

@testable import tdxctl

/// Scripts branch on these numbers (docs/UPDATER.md "Exit status"): each outcome keeps its
/// own code, in one table for every command.
@Suite("exit codes")
struct ExitCodeTests {
    /// Each way an update can end, with the exit code docs/UPDATER.md documents for it.
    static let updateResults: [(UpdateResult, Int32)] = [
        (.completed, 0), (.dryRun, 0), (.refused(.noRemainingUpdates), 10), (.refused(.cpusOffline([3])), 10),
        (.failedHarmless(UploadFailure(phase: .transferring, error: .firmwareInvalid)), 11), (.failedFatal(nil), 12),
        (.completedVersionStale(reads: ModuleVersion(major: 1, minor: 5, update: 6)), 15),
        (.timedOut(lastStatus: .transferring), 14), (.interrupted(lastStatus: .transferring), 14),
        (.noTDX(.moduleLost), 20), (.error(.lockUnavailable("")), 1),
        (.refused(.interrupted(signal: 2, abort: .aborted)), 10),
    ]

    @Test("every update result maps to its documented exit code")
    func updateExitCodes() {
        for (result, expected) in Self.updateResults {
            #expect(ExitStatus(result).rawValue == expected, "\(result)")
            #expect(ExitCode(ExitStatus(result)).rawValue == expected)
        }
    }

    @Test("the codes and names are distinct")
    func codesAreDistinct() {
        #expect(Set(ExitStatus.allCases.map(\.rawValue)).count == ExitStatus.allCases.count)
        #expect(Set(ExitStatus.allCases.map(\.name)).count == ExitStatus.allCases.count)
        #expect(ExitStatus.usage.rawValue == ExitCode.validationFailure.rawValue)
    }
}
