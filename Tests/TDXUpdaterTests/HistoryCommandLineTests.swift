import ChildProcess
import Foundation
import SystemPackage
import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

#if canImport(Glibc)
    import Glibc
#endif

/// `tdxctl update` appending to the history and `tdxctl history` reading it, on the built
/// binary against temporary host roots.
@Suite(
    "tdxctl update/history: the update history end to end", .enabled(if: Tdxctl.path != nil), .timeLimit(.minutes(3)))
struct HistoryCommandLineTests {
    static func journalPath(_ root: TemporaryHostRoot) -> String {
        root.path + "/var/lib/tdxctl/history.jsonl"
    }

    static func history(_ arguments: [String]) async throws -> (
        run: ChildRun, records: [[String: Any]], warnings: [[String: Any]]
    ) {
        let run = try await Tdxctl.run(["history", "--json"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        return (
            run, try #require(json["records"] as? [[String: Any]]), try #require(json["warnings"] as? [[String: Any]])
        )
    }

    @Test("every update that reaches the host is recorded, refusals included; dry runs and usage errors are not")
    func updatesAreRecorded() async throws {
        let images = try GeneratedImageFolder(versions: ["1.5.06", "1.5.08"])
        let root = try TemporaryHostRoot(HostDescription())
        try root.write("/proc/sys/kernel/hostname", "tdx-node-7\n")
        try root.write(HostPaths.remainingUpdates, "0\n")
        let base = ["update", "--root", root.path, "--images", images.path, "--trust", "test"]

        #expect(try await Tdxctl.run(base + ["1.5"]).status == 64)
        #expect(try await Tdxctl.run(base + ["--force", "1.5.06", "--dry-run"]).status == 10)
        #expect(!FileManager.default.fileExists(atPath: Self.journalPath(root)), "usage error: nothing recorded")
        #expect(try await Tdxctl.run(base).status == 10)
        #expect(try await Tdxctl.run(base + ["1.5.07"]).status == 10)
        try root.write(HostPaths.remainingUpdates, "16\n")
        #expect(try await Tdxctl.run(base + ["--dry-run"]).status == 0)
        // A plain folder is no kernel: status idle, error empty, the version unchanged: what
        // Linux 7.2 shows when its cached version went stale.
        #expect(try await Tdxctl.run(base + ["--json"]).status == 15)

        let (_, records, warnings) = try await Self.history(["--root", root.path])
        #expect(warnings.isEmpty)
        #expect(records.map { $0["result"] as? String } == ["refused", "refused", "completed_version_stale"])
        #expect(records.map { $0["refusal"] as? String } == ["no_remaining_updates", "version_not_found", nil])
        #expect(records.map { $0["exit_code"] as? Int } == [10, 10, 15])
        #expect(records.allSatisfy { $0["hostname"] as? String == "tdx-node-7" })
        #expect(records.allSatisfy { $0["version_before"] as? String == "1.5.06" })
        let times = records.compactMap { ($0["time"] as? String).flatMap(HistoryTime.parse) }
        #expect(times.count == 3 && times == times.sorted())
        #expect(records.allSatisfy { (($0["duration_s"] as? Double) ?? -1) >= 0 })

        let last = try #require(records.last)
        #expect(last["target"] as? String == "1.5.08")
        #expect(last["version_after"] as? String == "1.5.06")
        #expect((last["message"] as? String)?.contains("still reads 1.5.06") == true)
        let image = try #require(last["image"] as? [String: Any])
        let imagePath = try #require(image["path"] as? String)
        #expect(imagePath.hasSuffix("tdx_module_1.5.08.blob"))
        let sha384sum = try await #require(ExternalTool("sha384sum")).run([imagePath])
        #expect(sha384sum.stdout.split(separator: " ").first.map(String.init) == image["sha384"] as? String)
        let key = try #require(last["trusted_key"] as? [String: Any])
        #expect(key["policy"] as? String == "test")
        #expect(key["fingerprint"] as? String == KeyFingerprint.projectTestKey.hex)
        #expect(records[1]["image"] is NSNull, "refused before an image was chosen")
        #expect(records[1]["trusted_key"] is NSNull)
        #expect((records[0]["image"] as? [String: Any])?["sha384"] as? String == image["sha384"] as? String)

        let mode = try FilePath(Self.journalPath(root)).stat().permissions.rawValue
        #expect(mode & ~0o644 == 0)

        let table = try await Tdxctl.run(["history", "--root", root.path])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("TIME") == true)
        #expect(lines[1].contains("refused (no_remaining_updates)"))
        #expect(lines.last?.contains("completed_version_stale") == true, "newest last")
        let limited = try await Self.history(["--root", root.path, "--limit", "1"]).records
        #expect(limited.map { $0["result"] as? String } == ["completed_version_stale"])
    }

    @Test("a host without TDX: the record carries the reason's code, as update --json does")
    func noTDXRecorded() async throws {
        let images = try GeneratedImageFolder(versions: ["1.5.08"])
        var none = HostDescription()
        none.layout = .noTDX
        let root = try TemporaryHostRoot(none)
        let update = try await Tdxctl.run([
            "update", "--root", root.path, "--images", images.path, "--trust", "test", "--json",
        ])
        #expect(update.status == 20)
        let reason = try update.json()["no_tdx"] as? String
        let records = try await Self.history(["--root", root.path]).records
        #expect(records.count == 1)
        #expect(records.first?["result"] as? String == "no_tdx")
        #expect(records.first?["no_tdx"] as? String == reason && reason != nil)
        #expect(records.first?["exit_code"] as? Int == 20)
        #expect(records.first?["refusal"] is NSNull && records.first?["error"] is NSNull)
        let table = try await Tdxctl.run(["history", "--root", root.path])
        #expect(table.stdout.contains("no_tdx (\(reason ?? "?"))"), "\(table.stdout)")
    }

    @Test("--state-dir moves the journal for update, history and status")
    func stateDirectory() async throws {
        let images = try GeneratedImageFolder(versions: ["1.5.06"])
        let root = try TemporaryHostRoot(HostDescription())
        let state = try TemporaryFolder.make(prefix: "tdx-state")
        defer { try? FileManager.default.removeItem(atPath: state) }
        let run = try await Tdxctl.run([
            "update", "--root", root.path, "--images", images.path, "--trust", "test", "--state-dir", state + "/sub",
        ])
        #expect(run.status == 10)
        #expect(FileManager.default.fileExists(atPath: state + "/sub/history.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: Self.journalPath(root)))
        let moved = try await Self.history(["--root", root.path, "--state-dir", state + "/sub"]).records
        #expect(moved.map { $0["refusal"] as? String } == ["no_candidate"])
        #expect(try await Self.history(["--root", root.path]).records.isEmpty)
        let empty = try await Tdxctl.run(["history", "--root", root.path])
        #expect(empty.stdout.hasPrefix("no updates recorded in \(Self.journalPath(root))"))
    }

    @Test("torn lines: history warns in JSON and on stderr, keeps every whole record, and appends continue")
    func tornLines() async throws {
        let images = try GeneratedImageFolder(versions: ["1.5.06"])
        let root = try TemporaryHostRoot(HostDescription())
        let update = ["update", "--root", root.path, "--images", images.path, "--trust", "test"]
        #expect(try await Tdxctl.run(update).status == 10)
        try HistoryJournalTests.appendRaw(Array("{\"time\":\"2026-12-07T10:".utf8), to: Self.journalPath(root))

        let torn = try await Self.history(["--root", root.path])
        #expect(torn.records.count == 1)
        #expect(torn.warnings.map { $0["kind"] as? String } == ["torn_tail"])
        #expect(torn.warnings.first?["line"] as? Int == 2)
        #expect(torn.run.stderr.contains("warning: \(Self.journalPath(root)): line 2"), "\(torn.run.stderr)")
        let text = try await Tdxctl.run(["history", "--root", root.path])
        #expect(text.status == 0 && text.stdout.split(separator: "\n").count == 2)

        #expect(try await Tdxctl.run(update).status == 10)
        let middle = try await Self.history(["--root", root.path])
        #expect(middle.records.count == 2)
        #expect(middle.warnings.map { $0["kind"] as? String } == ["invalid_line"])
        #expect(middle.warnings.first?["line"] as? Int == 2)
    }

    @Test("a journal that cannot be read: history exits 1 naming the file and errno")
    func unreadableJournal() async throws {
        let root = try TemporaryHostRoot(HostDescription())
        try FileManager.default.createDirectory(atPath: Self.journalPath(root), withIntermediateDirectories: true)
        let run = try await Tdxctl.run(["history", "--root", root.path, "--json"])
        #expect(run.status == 1)
        let failure = try run.json()
        #expect(failure["error"] as? String == "history_unreadable")
        #expect(failure["exit_code"] as? Int == 1)
        let message = try #require(failure["message"] as? String)
        #expect(message.contains("\(Self.journalPath(root)): read: EISDIR"), "\(message)")
    }

    /// `setpriv` to run tdxctl as nobody when the tests run as root (root ignores file
    /// permissions); nothing otherwise.
    static let unprivileged: [String]? = {
        guard geteuid() == 0 else { return [] }
        guard let setpriv = ExternalTool("setpriv") else { return nil }
        return [setpriv.path, "--reuid=65534", "--regid=65534", "--clear-groups"]
    }()

    @Test(
        "a state folder without write permission: the update keeps its exit code and warns with EACCES",
        .enabled(if: unprivileged != nil, "root without setpriv cannot be refused a write"))
    func stateDirectoryNotWritable() async throws {
        let images = try GeneratedImageFolder(versions: ["1.5.06"])
        let root = try TemporaryHostRoot(HostDescription())
        let state = try TemporaryFolder.make(prefix: "tdx-state")
        defer {
            chmod(state, 0o755)
            try? FileManager.default.removeItem(atPath: state)
        }
        #expect(chmod(state, 0o555) == 0)
        let arguments = [
            "update", "--root", root.path, "--images", images.path, "--trust", "test", "--state-dir", state, "--json",
        ]
        let run = try await Tdxctl.run(arguments, launcher: try #require(Self.unprivileged))
        #expect(run.status == 10, "the refusal's exit code, not the journal's failure: \(run.stderr)")
        #expect(try run.json()["refusal"] as? String == "no_candidate")
        #expect(
            run.stderr.contains("not recorded in the history: \(state)/history.jsonl: open: EACCES"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state + "/history.jsonl"))

        let file = state + "/plain"
        #expect(chmod(state, 0o755) == 0)
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        let blocked = try await Tdxctl.run(Array(arguments.dropLast(3)) + ["--state-dir", file + "/sub"])
        #expect(blocked.status == 10)
        #expect(blocked.stderr.contains("ENOTDIR"), "\(blocked.stderr)")
    }
}
