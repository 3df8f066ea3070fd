import Foundation
import SystemSupport
import TDXTimeline
import Testing

/// `TimelineFile`: the picture written atomically, failures named by errno.
@Suite("TimelineFileTests: writing the picture")
struct TimelineFileTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("writes and replaces the file, leaving nothing else in its folder")
    func writesAndReplaces() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("update.svg").path
        try TimelineFile.checkWritable(path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "the check leaves nothing")
        try TimelineFile.write("<svg>one</svg>", to: path)
        try TimelineFile.write("<svg>two</svg>", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "<svg>two</svg>")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["update.svg"])
    }

    @Test("a missing folder, a folder as target and a file as folder fail with their errno")
    func failures() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("file").path
        try TimelineFile.write("x", to: file)
        for (path, name) in [
            (folder.path + "/missing/x.svg", "ENOENT"), (folder.path, "EISDIR"), (file + "/x.svg", "ENOTDIR"),
        ] {
            #expect {
                try TimelineFile.checkWritable(path)
            } throws: { error in
                (error as? TimelineWriteError)?.errno.name == name && "\(error)".contains(path)
            }
            #expect(throws: TimelineWriteError.self) { try TimelineFile.write("x", to: path) }
        }
    }
}
