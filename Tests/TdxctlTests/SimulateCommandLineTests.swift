import ArgumentParser
import Foundation
import TDXHost
import TDXImage
import TDXUpdater
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

    /// Release metadata for 1.5.`versions` as `mapping_file.json`: `update` (and so
    /// `simulate`) never picks an image without it.
    static func writeMapping(versions: [Int], to folder: URL) throws {
        let mapping = BuiltinImages.releaseMapping(
            versions: versions.map { ModuleVersion(major: 1, minor: 5, update: $0) })
        try Data(mapping.jsonBytes()).write(to: folder.appendingPathComponent("mapping_file.json"))
    }

    @Test(
        "--images takes versions from a folder (v1 blobs converted); --trace writes Chrome trace JSON",
        .timeLimit(.minutes(3)))
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
        try Self.writeMapping(versions: [6, 7, 8], to: folder)
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

    @Test("--images without the version to boot names the versions it found")
    func imagesFolderWithoutVersion() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = try BuiltinImages.image(version: ModuleVersion(major: 1, minor: 5, update: 8))
        try Data(image).write(to: folder.appendingPathComponent("tdx_module_1.5.08.img"))

        let command = try SimulateCommand.parse(["--cpus", "1", "--images", folder.path, "--trust", "test"])
        await #expect(throws: ExitCode(ExitStatus.error)) { try await command.run() }
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        do {
            _ = try SimulationCatalog.runningImage(BuiltinImages.defaultFrom, in: catalog)
            Issue.record("a folder without the running version must not simulate")
        } catch let error as SimulationError {
            #expect("\(error)".contains("1.5.06"), "names the version asked for")
            #expect("\(error)".contains("found: 1.5.08"), "names what the folder holds")
        }
    }

    @Test("a tampered target in --images is refused by the updater before anything stops: exit 10, no blackout")
    func tamperedTarget() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for update in [6, 8] {
            var bytes = try BuiltinImages.image(version: ModuleVersion(major: 1, minor: 5, update: update))
            if update == 8 { bytes[bytes.count - 100] ^= 0x01 }
            try Data(bytes).write(to: folder.appendingPathComponent("tdx_module_1.5.0\(update).img"))
        }
        try Self.writeMapping(versions: [6, 8], to: folder)
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: 2)
        configuration.tdCount = 1
        let result = try await Simulation(
            configuration: configuration, catalog: catalog, from: ModuleVersion(major: 1, minor: 5, update: 6),
            request: UpdateRequest(version: ModuleVersion(major: 1, minor: 5, update: 8), timeout: .seconds(120))
        ) { _ in }.run()
        guard case .refused(.notEligible(_, _, let reasons)) = result.update.result else {
            Issue.record("expected a refusal, got \(result.update.result): \(result.update.message)")
            return
        }
        #expect(reasons.map(\.code) == ["verification_failed"], "\(reasons)")
        #expect(result.exitStatus == .refused)
        #expect(result.kernel.outcome == nil, "the kernel never saw the image")
        #expect(result.kernel.blackoutNs == 0 && result.kernel.steps.isEmpty)
        #expect(result.update.upload == nil)
    }
}
