import Foundation
import Testing

/// With `--json`, every command reports a runtime failure as one JSON object on standard
/// output, `{"error", "message", "exit_code", "file"}` (or, for `update`/`status`, its own
/// object with `exit_code`), and exits with that code. Run on the real binary.
@Suite("failures as one JSON object, every command", .enabled(if: TdxctlBinary.path != nil), .timeLimit(.minutes(3)))
struct CommandFailureTests {
    static let missing = "/nonexistent-\(UUID().uuidString)"

    /// Checks that `run` printed exactly one JSON failure object with `code` and the exit status.
    func expectFailure(_ arguments: [String], code: String, exit: Int32) throws {
        let run = try TdxctlBinary.run(arguments + ["--json"])
        #expect(run.status == exit, "\(arguments): \(run.stderr)")
        let object = try run.json()
        #expect(object["error"] as? String == code, "\(arguments): \(run.stdout)")
        #expect(object["exit_code"] as? Int == Int(exit))
        #expect((object["message"] as? String)?.isEmpty == false)
        #expect(Set(object.keys) == ["error", "message", "exit_code", "file"])
    }

    @Test("a missing image file: inspect, verify, convert, join")
    func missingFile() throws {
        for command in ["inspect", "verify"] {
            try expectFailure([command, Self.missing], code: "image_invalid", exit: 1)
        }
        try expectFailure(["convert", Self.missing, "-o", "/tmp/never-written"], code: "image_invalid", exit: 1)
        try expectFailure(
            ["join", Self.missing, Self.missing, "-o", "/tmp/never-written"], code: "image_invalid", exit: 1)
    }

    @Test("a missing --root or --images folder: status, list, update, simulate")
    func missingFolders() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("tdxctl-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        try expectFailure(["status", "--root", Self.missing], code: "root_missing", exit: 1)
        try expectFailure(["list", "--root", Self.missing, "--images", empty.path], code: "root_missing", exit: 1)
        try expectFailure(["update", "--root", Self.missing, "--images", empty.path], code: "root_missing", exit: 1)
        try expectFailure(["status", "--root", "/etc/hostname"], code: "root_unreadable", exit: 1)
        try expectFailure(["list", "--root", empty.path, "--images", Self.missing], code: "catalog_unusable", exit: 1)
        try expectFailure(
            ["update", "--root", empty.path, "--images", Self.missing], code: "catalog_unusable", exit: 1)
        try expectFailure(["simulate", "--cpus", "1", "--images", Self.missing], code: "catalog_unusable", exit: 1)
    }

    @Test("no TDX: status and update print their object with the reason and exit 20")
    func noTDX() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tdxctl-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let status = try TdxctlBinary.run(["status", "--root", root.path, "--json"])
        #expect(status.status == 20)
        #expect(try status.json()["exit_code"] as? Int == 20)
        #expect(try status.json()["no_tdx"] as? String == "no_tdx_host")
        let update = try TdxctlBinary.run(["update", "--root", root.path, "--images", root.path, "--json"])
        #expect(update.status == 20)
        let object = try update.json()
        #expect(object["result"] as? String == "no_tdx")
        #expect(object["no_tdx"] as? String == "no_tdx_host")
        #expect(object["exit_code"] as? Int == 20)
    }

    @Test("bad arguments are usage errors (64), not failures")
    func usage() throws {
        for arguments in [["simulate", "--inject", "reboot:1"], ["update", "x.y"], ["inspect"]] {
            let run = try TdxctlBinary.run(arguments)
            #expect(run.status == 64, "\(arguments)")
        }
    }

    @Test("--log-level debug logs every host file read and write and the decisions to standard error")
    func debugLog() throws {
        let run = try TdxctlBinary.run(["simulate", "--cpus", "2", "--tds", "1", "--json", "--log-level", "debug"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try run.json()["exit_code"] as? Int == 0, "stdout stays one JSON object")
        for line in [
            "read /sys/devices/faux/tdx_host/version: 7 bytes \"1.5.06\"",
            "read /sys/devices/faux/tdx_host/num_remaining_updates",
            "write /sys/class/firmware/tdx_module/loading: 1 bytes \"1\"",
            "write /sys/class/firmware/tdx_module/data: ",
            "write /sys/class/firmware/tdx_module/loading: 1 bytes \"0\"",
            "read /sys/class/firmware/tdx_module/error: 0 bytes",
            "image built-in/tdx_module_1.5.08.img (1.5.08): eligible",
            "check passed: remaining_updates",
            "decision: completed",
        ] {
            #expect(run.stderr.contains(line), "missing \(line.debugDescription)")
        }
        let quiet = try TdxctlBinary.run(["simulate", "--cpus", "1", "--tds", "0", "--json"])
        #expect(!quiet.stderr.contains("read /sys"), "nothing is logged at the default level")
    }
}
