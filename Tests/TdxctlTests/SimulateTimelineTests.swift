import ChildProcess
import Foundation
import Testing

@testable import tdxctl

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The built `tdxctl` beside the test bundle, when there is one.
private enum BuiltTdxctl {
    static let path: String? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tdxctl")
                .path,
            package.appendingPathComponent(".build/debug/tdxctl").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try ChildRun.run(try #require(path), arguments)
        return (run.status, run.stdout, run.stderr)
    }
}

/// `tdxctl simulate --timeline FILE.svg`: the picture written atomically, and a file that
/// cannot be written refused with its errno before anything runs.
@Suite("SimulateTimelineTests: tdxctl simulate --timeline", .timeLimit(.minutes(3)))
struct SimulateTimelineTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tdxctl-timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("writes a well-formed SVG of the update, replacing an older file, leaving no temporary file")
    func writesThePicture() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("update.svg")
        try Data("old".utf8).write(to: file)
        let command = try SimulateCommand.parse(["--cpus", "3", "--tds", "2", "--timeline", file.path, "--json"])
        try await command.run()
        let svg = try String(contentsOf: file, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(svg.contains(">completed</text>"))
        #expect(svg.contains(">cpu 2</text>"))
        #expect(svg.contains(">td 1</text>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["update.svg"])
    }

    @Test("the built tdxctl prints where the picture went", .enabled(if: BuiltTdxctl.path != nil))
    func commandLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("update.svg").path
        let run = try BuiltTdxctl.run(["simulate", "--cpus", "2", "--tds", "1", "--timeline", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("timeline: \(file)"))
        #expect(FileManager.default.fileExists(atPath: file))
    }

    @Test(
        "a file that cannot be written fails at once with its errno, before the simulation",
        .enabled(if: BuiltTdxctl.path != nil),
        arguments: [("/nonexistent/x.svg", "ENOENT"), ("FOLDER", "EISDIR"), ("FOLDER/update.svg/x.svg", "ENOTDIR")])
    func unwritable(target: String, errno: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("a file".utf8).write(to: folder.appendingPathComponent("update.svg"))
        let path = target.replacingOccurrences(of: "FOLDER", with: folder.path)
        let run = try BuiltTdxctl.run(["simulate", "--cpus", "2", "--timeline", path])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty, "nothing was simulated: \(run.stdout)")
        #expect(run.stderr.hasPrefix("tdxctl: cannot write the timeline to \(path): "), "\(run.stderr)")
        #expect(run.stderr.contains(errno), "\(run.stderr)")
        #expect(!run.stderr.contains("operation could"), "no Foundation error text: \(run.stderr)")

        let json = try BuiltTdxctl.run(["simulate", "--cpus", "2", "--timeline", path, "--json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["error"] as? String == "write_failed")
        #expect((object["message"] as? String)?.contains(errno) == true)
        #expect(object["file"] as? String == path)
    }
}
