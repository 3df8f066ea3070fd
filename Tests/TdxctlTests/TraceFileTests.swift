import Foundation
import Testing

/// `simulate --trace FILE` checks FILE before it simulates anything: a path that cannot be
/// written is an error naming it with its errno, at once, never Foundation's text after a
/// whole simulation.
@Suite("simulate --trace: checked first, errno named", .enabled(if: TdxctlBinary.path != nil))
struct TraceFileTests {
    @Test("a trace path in a missing folder: ENOENT, the path named, nothing simulated", arguments: [false, true])
    func missingFolder(json: Bool) throws {
        let path = "/nonexistent-\(UUID().uuidString)/t.json"
        let run = try TdxctlBinary.run(["simulate", "--cpus", "2", "--trace", path] + (json ? ["--json"] : []))
        #expect(run.status == 1)
        let text = run.stdout + run.stderr
        #expect(text.contains(path) && text.contains("ENOENT"), "\(text)")
        for foreign in ["NSCocoaErrorDomain", "Error Domain=", "The operation could not be completed"] {
            #expect(!text.contains(foreign), "\(text)")
        }
        if json {
            let object = try run.json()
            #expect(object["error"] as? String == "write_failed")
            #expect(object["file"] as? String == path)
        } else {
            // Nothing of the simulation was printed: the check came first.
            #expect(run.stdout.isEmpty, "\(run.stdout)")
        }
    }
}
