import Foundation
import Testing

@testable import TDXUpdater

/// Messages that do not mislead, through the real `tdxctl`: the exit table for a host
/// without TDX, and text from host files shown cleaned and cut.
@Suite("tdxctl messages on odd hosts", .enabled(if: Tdxctl.path != nil))
struct HostMessageTests {
    static let firmware = "/sys/class/firmware/tdx_module"

    @Test("list on a host without TDX exits 20, as status and update do")
    func listWithoutTDX() async throws {
        var host = HostDescription()
        host.layout = .noTDX
        let root = try TemporaryHostRoot(host)
        let images = try GeneratedImageFolder(versions: ["1.5.08"])
        let list = try await Tdxctl.run(["list", "--root", root.path, "--images", images.path, "--trust", "test"])
        #expect(list.status == 20, "\(list.stdout) \(list.stderr)")
        #expect(list.stdout.contains("this machine has no TDX"), "\(list.stdout)")
        let json = try await Tdxctl.run(["list", "--root", root.path, "--images", images.path, "--json"])
        #expect(json.status == 20)
        #expect((try json.json()["host_problems"] as? [String])?.first?.contains("no TDX") == true)
    }

    @Test("a kernel error text of 3 KB on many lines is shown on one line, cut to 200 characters")
    func longErrorText() async throws {
        let root = try TemporaryHostRoot(HostDescription())
        let images = try GeneratedImageFolder(versions: ["1.5.08"])
        let text = (0..<100).map { "transferring:firmware-invalid \($0)\r\n\u{1B}[2K" }.joined()
        #expect(text.utf8.count > 3000 && text.utf8.count < 4096)
        try root.write(Self.firmware + "/error", text)
        let run = try await Tdxctl.run([
            "update", "--root", root.path, "--images", images.path, "--trust", "test", "--timeout", "5",
        ])
        // The "error" file reads as a failed upload: harmless, the old version still runs.
        #expect(run.status == 11, "\(run.stdout) \(run.stderr)")
        let message = try #require(run.stderr.split(separator: "\n").first { $0.contains("failed") })
        #expect(message.contains("more characters)"), "\(message)")
        #expect(message.count < 400, "\(message)")
        #expect(!run.stderr.contains("\u{1B}") && !run.stderr.contains("\r"))
    }

    @Test("an error file longer than a page is no kernel's: the update is refused, naming it with EFBIG")
    func errorFileTooLong() async throws {
        let root = try TemporaryHostRoot(HostDescription())
        let images = try GeneratedImageFolder(versions: ["1.5.08"])
        try root.write(Self.firmware + "/error", String(repeating: "transferring:firmware-invalid\n", count: 170))
        let run = try await Tdxctl.run([
            "update", "--dry-run", "--root", root.path, "--images", images.path, "--trust", "test", "--json",
        ])
        #expect(run.status == 10)
        let json = try run.json()
        #expect(json["refusal"] as? String == "upload_interface_incomplete")
        let message = try #require(json["message"] as? String)
        #expect(message.contains(Self.firmware + "/error") && message.contains("EFBIG"), "\(message)")
    }
}
