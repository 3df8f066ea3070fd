import Foundation
import SystemPackage
import Testing

@testable import TDXUpdater

#if canImport(Glibc)
    import Glibc
#endif

/// The journal on real files: appends, reading back, torn and invalid lines, and errors.
@Suite("Update history journal", .timeLimit(.minutes(3)))
struct HistoryJournalTests {
    static func record(_ number: Int, result: String = "refused") -> HistoryRecord {
        HistoryRecord(
            time: "2026-12-03T10:15:\(10 + number).123Z", hostname: "node-\(number)", versionBefore: "1.5.06",
            versionAfter: result == "completed" ? "1.5.08" : nil, target: "1.5.08",
            image: HistoryRecord.Image(
                path: "/images/tdx_module_1.5.08.blob", sha384: String(repeating: "ab", count: 48)),
            trustedKey: HistoryRecord.TrustedKey(policy: "test", fingerprint: String(repeating: "0f", count: 32)),
            result: result, refusal: result == "refused" ? "no_remaining_updates" : nil,
            exitCode: result == "refused" ? 10 : 0, durationSeconds: 1.25, message: "record \(number)")
    }

    /// Appends bytes to the file as they are, as a crashed writer would have left them.
    static func appendRaw(_ bytes: [UInt8], to path: String) throws {
        let descriptor = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.append])
        defer { _ = try? descriptor.close() }
        try descriptor.writeAll(bytes)
    }

    @Test("records are appended one line each and read back in order; missing folders are created")
    func appendAndRead() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-history")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = HistoryJournal(path: folder + "/state/tdxctl/history.jsonl")
        #expect(try journal.read() == HistoryContents())
        let records = [Self.record(1), Self.record(2, result: "completed"), Self.record(3)]
        for record in records { try journal.append(record) }

        #expect(try journal.read() == HistoryContents(records: records))
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "", "one line per record, each with its newline")
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(
            Set(first.keys) == [
                "time", "hostname", "version_before", "version_after", "target", "image", "trusted_key", "result",
                "refusal", "exit_code", "duration_s", "message",
            ])
        #expect(first["version_after"] is NSNull)
        let mode = try FilePath(journal.path).stat().permissions.rawValue
        #expect(mode & ~0o644 == 0 && mode & 0o600 == 0o600, "mode \(String(mode, radix: 8))")
    }

    @Test("a torn last line is reported and skipped, the records before it are kept")
    func tornTail() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-history")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = HistoryJournal(path: folder + "/history.jsonl")
        try journal.append(Self.record(1))
        try journal.append(Self.record(2))
        let sizeBefore = Int(try FilePath(journal.path).stat().size)
        let torn = Array(HistoryJournal.encodeLine(Self.record(3)).prefix(40))
        try Self.appendRaw(torn, to: journal.path)

        let contents = try journal.read()
        #expect(contents.records == [Self.record(1), Self.record(2)])
        let warning = try #require(contents.warnings.first)
        #expect(contents.warnings.count == 1)
        #expect(warning.kind == .tornTail)
        #expect(warning.line == 3)
        #expect(warning.offset == sizeBefore)
        #expect(warning.length == 40)
        #expect(warning.description.contains("line 3") && warning.description.contains(journal.path))
    }

    @Test("an append after a torn line starts a fresh line; the torn line is then skipped in the middle")
    func appendAfterTornTail() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-history")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = HistoryJournal(path: folder + "/history.jsonl")
        try journal.append(Self.record(1))
        try Self.appendRaw(Array(HistoryJournal.encodeLine(Self.record(2)).dropLast(1)), to: journal.path)
        #expect(try journal.read().warnings.map(\.kind) == [.tornTail])

        try journal.append(Self.record(3))
        try journal.append(Self.record(4))
        let contents = try journal.read()
        // Record 2 lacked only its newline: once the next append ends that line it is whole.
        #expect(contents.records == [Self.record(1), Self.record(2), Self.record(3), Self.record(4)])
        #expect(contents.warnings.isEmpty)

        try Self.appendRaw(Array("{\"time\": \"2026-12".utf8), to: journal.path)
        try journal.append(Self.record(5))
        let repaired = try journal.read()
        #expect(repaired.records.map(\.message) == ["record 1", "record 2", "record 3", "record 4", "record 5"])
        #expect(repaired.warnings.map(\.kind) == [.invalidLine])
        #expect(repaired.warnings.first?.line == 5)
        #expect(repaired.warnings.first?.reason == "not JSON")
    }

    @Test("lines that are not records are skipped with their line number and why")
    func invalidLines() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-history")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/history.jsonl"
        var bytes = HistoryJournal.encodeLine(Self.record(1))
        bytes += Array("garbage\n".utf8)
        bytes += Array("{\"time\":\"2026-12-03T10:15:00Z\"}\n".utf8)
        bytes += Array("\n".utf8)
        bytes += Array("{\"time\":1}\n".utf8)
        bytes += HistoryJournal.encodeLine(Self.record(2))
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))

        let contents = try HistoryJournal(path: path).read()
        #expect(contents.records == [Self.record(1), Self.record(2)])
        #expect(contents.warnings.map(\.line) == [2, 3, 5], "the blank line 4 is skipped silently")
        #expect(contents.warnings.allSatisfy { $0.kind == .invalidLine })
        #expect(contents.warnings[0].reason == "not JSON")
        #expect(contents.warnings[1].reason.hasPrefix("missing \""))
        #expect(contents.warnings[2].reason == "\"time\" has the wrong type")
    }

    @Test("a state path through a file fails with ENOTDIR, naming the folder and the call")
    func notADirectory() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-history")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.createFile(atPath: folder + "/file", contents: Data()))
        let journal = HistoryJournal(path: folder + "/file/state/history.jsonl")
        let error = try #require(throws: HistoryFileError.self) { try journal.append(Self.record(1)) }
        #expect(error.errno == .notDirectory)
        #expect(error.description.hasSuffix(": ENOTDIR"), "\(error)")
    }

    @Test("a journal that is a folder cannot be read: EISDIR from read(2)")
    func unreadable() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-history")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/history.jsonl", withIntermediateDirectories: true)
        let error = try #require(throws: HistoryFileError.self) {
            try HistoryJournal(path: folder + "/history.jsonl").read()
        }
        #expect(error.operation == .read)
        #expect(error.description == "\(folder)/history.jsonl: read: EISDIR")
    }

    @Test(
        "a folder without write permission: open fails with EACCES, nothing is written",
        .enabled(if: geteuid() != 0, "root bypasses file permissions; the command-line test covers root"))
    func permissionDenied() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-history")
        defer {
            chmod(folder, 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(chmod(folder, 0o555) == 0)
        let journal = HistoryJournal(path: folder + "/history.jsonl")
        let error = try #require(throws: HistoryFileError.self) { try journal.append(Self.record(1)) }
        #expect(error.operation == .open)
        #expect(error.errno == .permissionDenied)
        #expect(!FileManager.default.fileExists(atPath: journal.path))
    }

    @Test("the default location is var/lib/tdxctl under the root; --state-dir replaces it")
    func location() {
        #expect(HistoryJournal(root: "/").path == "/var/lib/tdxctl/history.jsonl")
        #expect(HistoryJournal(root: "/srv/host/").path == "/srv/host/var/lib/tdxctl/history.jsonl")
        #expect(HistoryJournal(root: "/srv/host", stateDirectory: "/run/tdx").path == "/run/tdx/history.jsonl")
        #expect(HistoryJournal(root: "/", stateDirectory: "state/").path == "state/history.jsonl")
        #expect(HistoryJournal(path: "history.jsonl").directory == ".")
        #expect(HistoryJournal(path: "/history.jsonl").directory == "/")
    }

    @Test("times are RFC 3339 UTC with milliseconds and parse back")
    func time() throws {
        let date = Date(timeIntervalSince1970: 1_796_400_930.125)
        let text = HistoryTime.format(date)
        #expect(text == "2026-12-04T16:15:30.125Z")
        #expect(try #require(HistoryTime.parse(text)).timeIntervalSince1970 == 1_796_400_930.125)
        #expect(HistoryTime.parse("2026-12-04T16:15:30Z")?.timeIntervalSince1970 == 1_796_400_930)
        #expect(HistoryTime.parse("yesterday") == nil)
    }
}
