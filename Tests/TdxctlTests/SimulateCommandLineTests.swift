import ArgumentParser
import Foundation
import TDXHost
import TDXImage
import Testing

@testable import tdxctl

/// `tdxctl simulate` as a command line: its options parsed and run end to end, with the
/// files it reads (`--images`) and writes (`--trace`).
@Suite("tdxctl simulate: the command line")
struct SimulateCommandLineTests {
    /// A fresh temporary folder, removed by the caller.
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tdxctl-simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(
        "--images takes versions from a folder (v1 blobs converted); --trace writes Chrome trace JSON",
        .timeLimit(.minutes(1)))
    func imagesFolderAndTrace() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let signer = TestImageSigner()
        for (update, format) in [(6, ImageFormat.v1), (7, .v2), (8, .v2)] {
            let version = ModuleVersion(major: 1, minor: 5, update: update)
            let image = try signer.makeImage(
                version: version, svn: 0x0105, cpuidTable: [BuiltinImages.cpuidEAX], modulePages: 2, format: format)
            let name = "tdx_module_\(version).\(format == .v1 ? "blob" : "img")"
            try Data(image.bytes).write(to: folder.appendingPathComponent(name))
        }
        let trace = folder.appendingPathComponent("update.trace.json")

        let command = try SimulateCommand.parse([
            "--cpus", "2", "--tds", "1", "--images", folder.path, "--trust", "test", "--from", "1.5.06",
            "--to", "1.5.07", "--trace", trace.path, "--json",
        ])
        try await command.run()

        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: trace)) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        let names = Set(events.compactMap { $0["name"] as? String })
        for step in ["shutdown", "install", "init", "restore"] {
            #expect(names.contains(step), "trace has no \(step) event: \(names.sorted())")
        }
        let installs = events.filter { $0["name"] as? String == "install" && $0["ph"] as? String == "X" }
        #expect(installs.count == 2, "one install slice per CPU")
    }

    @Test("--images without the requested version names the versions it found")
    func imagesFolderWithoutVersion() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = try BuiltinImages.image(version: ModuleVersion(major: 1, minor: 5, update: 6))
        try Data(image).write(to: folder.appendingPathComponent("tdx_module_1.5.06.img"))

        let command = try SimulateCommand.parse(["--cpus", "1", "--images", folder.path, "--trust", "test"])
        await #expect(throws: (any Error).self) { try await command.run() }
        #expect(throws: (any Error).self) {
            try SimulationImages.find(in: folder.path, from: BuiltinImages.defaultFrom, to: BuiltinImages.defaultTo)
        }
        do {
            _ = try SimulationImages.find(in: folder.path, from: BuiltinImages.defaultFrom, to: BuiltinImages.defaultTo)
        } catch {
            #expect("\(error)".contains("1.5.08"))
            #expect("\(error)".contains("1.5.06"), "names what the folder holds")
        }
    }
}
