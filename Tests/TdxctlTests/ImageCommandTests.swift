import ArgumentParser
import Foundation
import TDXImage
import Testing

@testable import tdxctl

/// Runs the image commands as the CLI does (`Tdxctl.parseAsRoot`, then `run()`), on files
/// written to a fresh temporary directory.
@Suite("tdxctl inspect, verify, convert, join")
final class ImageCommandTests {
    let directory: URL
    let v2Path: String
    let v1Path: String
    let image: ModuleImage

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tdxctl-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        image = try TestImageSigner().makeImage(
            version: ModuleVersion(major: 1, minor: 5, update: 9), svn: 0x0108, cpuidTable: [0x806F8, 0xC06F0],
            moduleHV: 3, minUpdateHV: 2, noDowngrade: true, numHandoffPages: 24, modulePages: 2)
        v2Path = directory.appendingPathComponent("fixture.img").path
        v1Path = directory.appendingPathComponent("tdx_module_1.5.07.blob").path
        try ImageFile.write(image.bytes, to: v2Path)
        try ImageFile.write(try ImageBuilder.convert(image, to: .v1).bytes, to: v1Path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Parses and runs a command line; returns the exit code it ended with.
    private func run(_ arguments: [String]) throws -> ExitCode {
        var command = try Tdxctl.parseAsRoot(arguments)
        do {
            try command.run()
            return .success
        } catch let exit as ExitCode {
            return exit
        }
    }

    private func json(_ report: ImageReport) throws -> [String: Any] {
        let data = try JSONEncoder().encode(report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("verify exits 0 only when every check passes")
    func verifyExitCodes() throws {
        #expect(try run(["verify", v2Path, "--trust", "test"]) == .success)
        #expect(try run(["verify", v2Path, "--trust", KeyFingerprint.projectTestKey.hex, "--json"]) == .success)
        #expect(try run(["verify", v2Path]) == .failure)  // Intel's key by default: untrusted
        var tampered = image.bytes
        tampered[image.moduleRange.lowerBound] ^= 1
        try ImageFile.write(tampered, to: path("tampered.img"))
        #expect(try run(["verify", path("tampered.img"), "--trust", "test"]) == .failure)
        #expect(try run(["verify", path("missing.img"), "--json"]) == .failure)
        // inspect describes a tampered image without judging it
        #expect(try run(["inspect", path("tampered.img")]) == .success)
        #expect(throws: (any Error).self) { try Tdxctl.parseAsRoot(["verify", v2Path, "--trust", "nobody"]) }
    }

    @Test("the JSON report has every documented key with the image's values")
    func jsonKeys() throws {
        let object = try json(try ImageReport(path: v2Path, trust: .test))
        for key in [
            "format", "length", "checksum_valid", "module_pages", "svn", "date", "module_type", "debug", "cpuid_table",
            "module_hv", "min_update_hv", "no_downgrade", "num_handoff_pages", "key_fingerprint", "signature_valid",
            "module_hash_valid", "trusted", "version",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["format"] as? String == "v2")
        #expect(object["length"] as? Int == image.length)
        #expect(object["module_pages"] as? Int == 2)
        #expect(object["svn"] as? Int == 0x0108)
        #expect(object["cpuid_table"] as? [Int] == [0x806F8, 0xC06F0])
        #expect(object["module_hv"] as? Int == 3)
        #expect(object["min_update_hv"] as? Int == 2)
        #expect(object["no_downgrade"] as? Bool == true)
        #expect(object["num_handoff_pages"] as? Int == 24)
        #expect(object["key_fingerprint"] as? String == KeyFingerprint.projectTestKey.hex)
        #expect(object["trusted"] as? Bool == true)
        #expect(object["signature_valid"] as? Bool == true)
        #expect(object["version"] as? String == "1.5.09")  // recorded in the sigstruct
        #expect((object["failed_checks"] as? [String])?.isEmpty == true)
    }

    @Test("version: file name first, null when unknown, failed checks named")
    func versionAndFailures() throws {
        let named = try json(try ImageReport(path: v1Path, trust: .intel))
        #expect(named["version"] as? String == "1.5.07")
        #expect(named["format"] as? String == "v1")
        #expect(named["trusted"] as? Bool == false)
        #expect(named["failed_checks"] as? [String] == ["trust"])
        let anonymous = try TestImageSigner().makeImage(payload: [1, 2, 3])
        var unversioned = anonymous.bytes
        for offset in 0x1000 + 0x3E8..<0x1000 + 0x3EE { unversioned[offset] = 0 }
        try ImageFile.write(unversioned, to: path("plain.img"))
        let object = try json(try ImageReport(path: path("plain.img"), trust: .test))
        #expect(object["version"] is NSNull)
        #expect(object["failed_checks"] as? [String] == ["checksum", "signature"])
    }

    @Test("convert keeps sigstruct and module bytes; the result verifies")
    func convert() throws {
        #expect(try run(["convert", v1Path, "-o", path("out.img")]) == .success)
        let converted = try ModuleImage(contentsOf: path("out.img"))
        #expect(converted.format == .v2)
        #expect(converted.bytes == image.bytes)
        #expect(try run(["convert", path("out.img"), "-o", path("back.blob"), "--format", "v1", "--json"]) == .success)
        #expect(try ImageFile.read(path("back.blob")) == (try ImageFile.read(v1Path)))
        #expect(try run(["convert", path("nothing"), "-o", path("x")]) == .failure)
    }

    @Test("join builds v2 by default and v1 on request")
    func join() throws {
        try ImageFile.write(Array(image.module), to: path("m.bin"))
        try ImageFile.write(image.sigstruct.bytes, to: path("m.sigstruct"))
        #expect(try run(["join", path("m.bin"), path("m.sigstruct"), "-o", path("j.img")]) == .success)
        #expect(try ImageFile.read(path("j.img")) == image.bytes)
        #expect(
            try run(["join", path("m.bin"), path("m.sigstruct"), "-o", path("j.blob"), "--format", "v1"]) == .success)
        #expect(try ModuleImage(contentsOf: path("j.blob")).format == .v1)
        try ImageFile.write([1, 2, 3], to: path("short.sigstruct"))
        #expect(try run(["join", path("m.bin"), path("short.sigstruct"), "-o", path("bad.img"), "--json"]) == .failure)
        #expect(!FileManager.default.fileExists(atPath: path("bad.img")))
    }
}
