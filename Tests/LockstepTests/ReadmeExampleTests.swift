import Foundation
import Lockstep
import Synchronization
import Testing

// The step bodies the README's example calls.
private func shutdown(_ state: ReadmeExampleTests.State) throws {}
private func install(on cpu: CPU, _ state: ReadmeExampleTests.State) throws { state.installs.withLock { $0 += 1 } }
private func initialise(on cpu: CPU, _ state: ReadmeExampleTests.State) throws {}

/// The README's Swift example, compiled and run: the block between the markers below must
/// equal the README's ```swift block character for character.
@Suite("README's Swift example")
struct ReadmeExampleTests {
    final class State: Sendable {
        let installs = Mutex(0)
    }

    /// The example, as in README.md.
    // swift-format-ignore
    static func example(state: State) throws -> ProcedureReport {
        // README begin
let machine = try StopMachine(cpus: .online())          // or .simulated(count: 256)
let gate = StopGate()                                    // workers: token.enter() ... token.leave()
let report = machine.stopTheWorld(gate: gate, Procedure(name: "update", steps: [
    Step("shutdown", scope: .once()) { ctx in try shutdown(ctx.context) },
    Step("install", scope: .serial) { ctx in try install(on: ctx.cpu, ctx.context) },
    Step("init", scope: .concurrent) { ctx in try initialise(on: ctx.cpu, ctx.context) },
], watchdog: .seconds(1)), context: state)
print(report.outcome, report.errors)                     // try report.chromeTraceJSON() for Perfetto
        // README end
        machine.shutdown()
        return report
    }

    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the README's block is this file's block")
    func sameText() throws {
        let readme = try String(contentsOf: Self.package.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let block = try #require(
            readme.components(separatedBy: "```swift\n").dropFirst().first?
                .components(separatedBy: "```").first)
        let begin = try #require(source.range(of: "// README begin\n"))
        let end = try #require(source.range(of: "        // README end", range: begin.upperBound..<source.endIndex))
        #expect(String(source[begin.upperBound..<end.lowerBound]) == block)
    }

    @Test("the example runs: one install per CPU, completed")
    func runs() throws {
        let state = State()
        let report = try Self.example(state: state)
        #expect(report.outcome == .completed)
        #expect(state.installs.withLock { $0 } == report.steps[1].cpus.count)
    }
}
