import ChildProcess
import Foundation
import SystemPackage
import Testing

@testable import TDXUpdater

#if canImport(Glibc)
    import Glibc
#endif

/// The test-only `HistoryAppendLoop` executable built beside the tests.
enum HistoryAppendLoop {
    static let path: String? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("HistoryAppendLoop").path,
            package.appendingPathComponent(".build/debug/HistoryAppendLoop").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}

/// A writer killed with SIGKILL while it appends: the journal keeps every whole record, and
/// each kill leaves at most one torn line, which the next writer's first append closes.
@Suite(
    "Update history: a writer killed mid-append", .enabled(if: HistoryAppendLoop.path != nil), .timeLimit(.minutes(3)))
struct HistoryKillTests {
    static let rounds = 6
    /// Bytes of padding per record: a write(2) of this size spans many pages, so a kill
    /// can land inside it.
    static let padding = 512 * 1024

    /// How one writer ended.
    struct Kill: Sendable {
        /// Whether it was still appending when the signal was sent.
        let wasRunning: Bool
        let termination: Termination
    }

    /// Starts a writer for `round`, lets it append until the journal reaches `target` bytes
    /// (60 s at most), then SIGKILLs it wherever it is and reaps it.
    static func appendAndKill(journal: String, round: Int, target: Int64) throws -> Kill {
        let process = try ChildProcess(try #require(HistoryAppendLoop.path), [journal, String(round), String(padding)])
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline, ((try? FilePath(journal).stat().size) ?? 0) < target {
            usleep(200)
        }
        let wasRunning = process.isRunning
        process.signal(SIGKILL)
        return Kill(wasRunning: wasRunning, termination: process.wait())
    }

    @Test("every whole record survives; at most one torn line per kill; appends go on after it")
    func killedWriters() async throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-history-kill")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = HistoryJournal(path: folder + "/history.jsonl")
        for round in 0..<Self.rounds {
            // About three records per round past what the file already holds (it grows by
            // about `padding` per record; counting from the current size keeps a late kill of
            // the previous writer from leaving this one nothing to append); the target varies
            // so the kill lands at different points of a record.
            let path = journal.path
            let start = (try? FilePath(path).stat().size) ?? 0
            let target = start + Int64(3 * Self.padding + round * Self.padding / 7)
            let ending = try await offPool { try Self.appendAndKill(journal: path, round: round, target: target) }
            #expect(ending.wasRunning, "the writer stopped on its own (\(ending.termination))")
            #expect(ending.termination == .signalled(SIGKILL))
        }

        let contents = try journal.read()
        // Each round's records are whole, in order, none missing before its last one.
        var sequences: [Int: [Int]] = [:]
        for record in contents.records {
            let words = record.message.split(separator: " ", maxSplits: 4)
            #expect(words.count == 5 && words[0] == "round" && words[2] == "seq")
            #expect(words.last?.count == Self.padding && words.last?.allSatisfy { $0 == "x" } == true)
            sequences[Int(words[1]) ?? -1, default: []].append(Int(words[3]) ?? -1)
        }
        #expect(sequences.keys.sorted() == Array(0..<Self.rounds), "every round appended")
        for (round, numbers) in sequences {
            #expect(numbers == Array(0..<numbers.count), "round \(round): \(numbers)")
        }
        // At most one torn line per kill; only the file's last line can lack its newline.
        #expect(contents.warnings.count <= Self.rounds)
        #expect(contents.warnings.dropLast().allSatisfy { $0.kind == .invalidLine })
        let lines = try String(contentsOfFile: journal.path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let lineCount = lines.last == "" ? lines.count - 1 : lines.count
        #expect(contents.records.count + contents.warnings.count == lineCount, "every line is a record or a warning")
        // How often the kill tore a line depends on timing; recorded for the curious.
        print(
            "HistoryKillTests: \(contents.records.count) records, \(contents.warnings.count) torn lines in \(Self.rounds) kills"
        )
    }
}
