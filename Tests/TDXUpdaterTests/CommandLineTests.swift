import Foundation
import Glibc
import Synchronization
import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

@Suite("tdxctl status/list/update end to end", .enabled(if: Tdxctl.path != nil), .timeLimit(.minutes(3)))
struct CommandLineTests {
    @Test("status reads a mainline root, JSON and text")
    func statusMainline() throws {
        var host = HostDescription()
        host.cpus = [HostDescription.sapphireRapids, HostDescription.sapphireRapids, HostDescription.emeraldRapids]
        let root = try TemporaryHostRoot(host)
        let run = try Tdxctl.run(["status", "--root", root.path, "--json"])
        #expect(run.status == 0)
        let json = try run.json()
        #expect(json["tdx"] as? Bool == true)
        #expect(json["module_version"] as? String == "1.5.06")
        #expect(json["seamldr_version"] as? String == "1.5.00")
        #expect(json["remaining_updates"] as? Int == 16)
        #expect(json["update_supported"] as? Bool == true)
        #expect(json["upload_format"] as? String == "v2")
        #expect(json["upload_status"] as? String == "idle")
        #expect(json["cpus_online"] as? [Int] == [0, 1, 2])
        let groups = try #require(json["cpuid"] as? [[String: Any]])
        #expect(groups.map { $0["signature"] as? String } == ["0x806F8", "0xC06F2"])
        #expect(groups.map { $0["cpus"] as? [Int] } == [[0, 1], [2]])
        let text = try Tdxctl.run(["status", "--root", root.path])
        #expect(text.stdout.contains("TDX module:        1.5.06"))
        #expect(text.stdout.contains("0xC06F2 (family 6 model 0xCF stepping 2) on CPUs 2"))
    }

    @Test("status on the older layout and on a machine without TDX")
    func statusLegacyAndNone() throws {
        var legacy = HostDescription()
        legacy.layout = .seamldrDirectory
        let legacyRoot = try TemporaryHostRoot(legacy)
        let json = try Tdxctl.run(["status", "--root", legacyRoot.path, "--json"]).json()
        #expect(json["interface"] as? String == "series v4-v7 (tdx_host/seamldr/)")
        #expect(json["upload_format"] as? String == "v1")

        var none = HostDescription()
        none.layout = .noTDX
        let noneRoot = try TemporaryHostRoot(none)
        let run = try Tdxctl.run(["status", "--root", noneRoot.path])
        #expect(run.status == 20)
        #expect(run.stdout.hasPrefix("this machine has no TDX"))
    }

    @Test("list: every image with the required keys, one selected")
    func list() throws {
        let root = try TemporaryHostRoot(HostDescription())
        let images = try GeneratedImageFolder(
            versions: ["1.5.05", "1.5.06", "1.5.08", "1.5.09", "2.0.08"], debug: ["1.5.09"])
        let run = try Tdxctl.run(["list", "--root", root.path, "--images", images.path, "--trust", "test", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        let listed = try #require(json["images"] as? [[String: Any]])
        #expect(listed.map { $0["version"] as? String } == ["2.0.08", "1.5.09", "1.5.08", "1.5.06", "1.5.05"])
        for image in listed {
            for key in [
                "version", "path", "debug", "compatible", "td_preserving_capable", "current", "selected", "reasons",
            ] {
                #expect(image[key] != nil, "missing \(key)")
            }
        }
        #expect(listed.filter { $0["selected"] as? Bool == true }.map { $0["version"] as? String } == ["1.5.08"])
        #expect(json["selected"] as? String == "1.5.08")
        let debug = try #require(listed.first { $0["version"] as? String == "1.5.09" })
        #expect(debug["debug"] as? Bool == true)
        #expect(debug["reason_codes"] as? [String] == ["debug_not_allowed"])
        #expect(listed.first { $0["version"] as? String == "1.5.06" }?["current"] as? Bool == true)

        let allowing = try Tdxctl.run([
            "list", "--root", root.path, "--images", images.path, "--trust", "test", "--allow-debug",
        ])
        #expect(allowing.stdout.contains("* `tdxctl update` would install 1.5.09"))

        let untrusted = try Tdxctl.run(["list", "--root", root.path, "--images", images.path, "--json"]).json()
        #expect(untrusted["selected"] is NSNull)
    }

    @Test("update: dry run, refusals and their exit codes")
    func updateExitCodes() throws {
        let images = try GeneratedImageFolder(versions: ["1.5.06", "1.5.08"])
        let root = try TemporaryHostRoot(HostDescription())
        let base = ["update", "--root", root.path, "--images", images.path, "--trust", "test"]

        let dry = try Tdxctl.run(base + ["--dry-run", "--json"])
        #expect(dry.status == 0)
        #expect(try dry.json()["result"] as? String == "dry_run")
        #expect(try dry.json()["target"] as? String == "1.5.08")
        #expect(try dry.json()["converted_from"] as? String == "v1")

        let same = try Tdxctl.run(base + ["1.5.06", "--json"])
        #expect(same.status == 10)
        #expect(try same.json()["refusal"] as? String == "not_eligible")
        #expect(try Tdxctl.run(base + ["1.5.06", "--force", "--dry-run"]).status == 0)
        #expect(try Tdxctl.run(base + ["1.5.07"]).status == 10)
        #expect(try Tdxctl.run(base + ["1.5"]).status == 64)

        try root.write(HostPaths.remainingUpdates, "0\n")
        let exhausted = try Tdxctl.run(base)
        #expect(exhausted.status == 10)
        #expect(exhausted.stderr.contains("no remaining updates"))

        var none = HostDescription()
        none.layout = .noTDX
        let noneRoot = try TemporaryHostRoot(none)
        #expect(
            try Tdxctl.run(["update", "--root", noneRoot.path, "--images", images.path, "--trust", "test"]).status == 20
        )
        var unsupported = HostDescription()
        unsupported.layout = .noUpdateSupport
        let oldRoot = try TemporaryHostRoot(unsupported)
        #expect(
            try Tdxctl.run(["update", "--root", oldRoot.path, "--images", images.path, "--trust", "test"]).status == 20)
    }

    @Test("update writes a v2 image through the upload files of a directory root")
    func updateWritesUploadFiles() throws {
        let images = try GeneratedImageFolder(versions: ["1.5.08"])
        let root = try TemporaryHostRoot(HostDescription())
        let run = try Tdxctl.run(["update", "--root", root.path, "--images", images.path, "--trust", "test", "--json"])
        // A plain directory is no kernel: status stays idle, error empty, and the version
        // does not change: what Linux 7.2 shows when its cached version went stale.
        #expect(run.status == 15)
        #expect(try run.json()["result"] as? String == "completed_version_stale")
        #expect(try run.json()["exit_code"] as? Int == 15)
        let firmware = root.path + "/sys/class/firmware/tdx_module"
        let uploaded = [UInt8](try Data(contentsOf: URL(fileURLWithPath: firmware + "/data")))
        let image = try ModuleImage(parsing: uploaded)
        #expect(image.format == .v2)
        #expect(image.version() == ModuleVersion("1.5.08"))
        #expect(image.verify(trusting: .test).allPassed)
        #expect(try String(contentsOfFile: firmware + "/loading", encoding: .utf8) == "0")
    }
}
