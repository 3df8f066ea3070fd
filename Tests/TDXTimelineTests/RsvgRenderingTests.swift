import ChildProcess
import Foundation
import TDXTimeline
import Testing

/// `rsvg-convert` (Debian's librsvg2-bin) on this machine, if any.
enum Rsvg {
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Renders `svg` to PNG bytes; fails the test when rsvg-convert fails or hangs.
    static func png(_ svg: String) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.svg")
        let output = folder.appendingPathComponent("out.png")
        try Data(svg.utf8).write(to: input)
        let run = try ChildRun.run(try #require(path), ["--format", "png", "--output", output.path, input.path])
        #expect(run.status == 0, "rsvg-convert: \(run.stderr)")
        return [UInt8](try Data(contentsOf: output))
    }

    /// Width and height from a PNG's IHDR chunk (after the 8-byte signature).
    static func size(ofPNG bytes: [UInt8]) throws -> (width: Int, height: Int) {
        try #require(bytes.count > 24)
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG signature")
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        func bigEndian(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (bigEndian(16), bigEndian(20))
    }
}

@Suite(
    "TimelineRenderingTests: rsvg-convert draws the picture", .enabled(if: Rsvg.path != nil), .timeLimit(.minutes(3)))
struct TimelineRenderingTests {
    @Test("a real update renders to a PNG of the SVG's size, far from blank", arguments: [8, 256])
    func rendersToPNG(cpus: Int) throws {
        let picture = try UpdatePicture.make(cpus: cpus, tds: 3)
        let width = try #require(picture.root.number("width"))
        let height = try #require(picture.root.number("height"))
        let png = try Rsvg.png(picture.svg)
        let size = try Rsvg.size(ofPNG: png)
        #expect(size.width == Int(width.rounded()))
        #expect(size.height == Int(height.rounded()))
        // The same size with nothing on it compresses to almost nothing; bars, lanes and
        // text do not.
        let blank = try Rsvg.png(
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Int(width))" height="\#(Int(height))">"#
                + #"<rect width="100%" height="100%" fill="white"/></svg>"#)
        let blankSize = try Rsvg.size(ofPNG: blank)
        #expect(blankSize.width == size.width && blankSize.height == size.height)
        #expect(png.count > 5 * blank.count, "PNG \(png.count) bytes vs blank \(blank.count) bytes")
    }
}
