import Foundation
import TDXImage
import Testing

@testable import TDXUpdater

#if canImport(Glibc)
    import Glibc
#endif

/// An image folder with a good 1.5.08 and one mutated file: `list` and `update` must end
/// quickly, name the file and why it was passed over, and still offer the good image.
@Suite("Hostile image folders: every mutated file skipped or refused, named, quickly", .timeLimit(.minutes(3)))
struct HostileImageFolderTests {
    /// What a mutation must lead to.
    enum Outcome: Sendable {
        /// The walk passes the entry over with this reason code.
        case skipped(String)
        /// Found as an image but unusable; the reason text contains this.
        case unreadable(String)
        /// Not an image candidate at all.
        case absent
        /// The mapping file is not used; the problem text contains this (nil: just absent).
        case mappingUnused(String?)
    }

    static let target = "joined_files/tdx_module_1.5.09.blob"

    static let mutations: [(String, String, Outcome)] = [
        ("missing", target, .absent),
        ("empty", target, .unreadable("truncated")),
        ("junk", target, .unreadable("version at offset 0x0")),
        ("huge sparse file", target, .unreadable("at most 2052096 bytes")),
        ("a directory", target, .absent),
        ("a FIFO", target, .skipped("fifo")),
        ("a symlink to a big file", target, .skipped("symbolic_link")),
        ("a symlink loop", target, .skipped("symbolic_link")),
        ("a device node", target, .skipped("character_device")),
        ("a FIFO", "mapping_file.json", .skipped("fifo")),
        ("huge sparse file", "mapping_file.json", .mappingUnused("at most 1048576 bytes")),
        ("junk", "mapping_file.json", .mappingUnused("not valid JSON")),
    ]

    /// Applies `mutation` to `name` in `folder`; false when it cannot be made here.
    static func mutate(_ mutation: String, _ name: String, in folder: GeneratedImageFolder) throws -> Bool {
        let path = folder.path + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        switch mutation {
        case "missing": break
        case "empty": try Data().write(to: URL(fileURLWithPath: path))
        case "junk": try Data(repeating: 0x7B, count: 5000).write(to: URL(fileURLWithPath: path))
        case "huge sparse file":
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect(truncate(path, 200 << 20) == 0)
        case "a directory": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "a FIFO": #expect(mkfifo(path, 0o600) == 0)
        case "a symlink to a big file":
            let big = folder.path + "/big.data"
            #expect(FileManager.default.createFile(atPath: big, contents: nil))
            #expect(truncate(big, 200 << 20) == 0)
            #expect(symlink(big, path) == 0)
        case "a symlink loop": #expect(symlink(path, path) == 0)
        case "a device node":
            guard getuid() == 0 else { return false }
            #expect(mknod(path, S_IFCHR | 0o600, dev_t(1) << 8 | dev_t(3)) == 0)
        default: Issue.record("unknown mutation \(mutation)")
        }
        return true
    }

    @Test("list in process", arguments: mutations)
    func listInProcess(_ mutation: String, _ name: String, _ outcome: Outcome) async throws {
        try await offPool { try Self.listCase(mutation, name, outcome) }
    }

    static func listCase(_ mutation: String, _ name: String, _ outcome: Outcome) throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.08", "1.5.09"])
        guard try Self.mutate(mutation, name, in: folder) else { return }
        let root = try TemporaryHostRoot(HostDescription())
        let start = ContinuousClock.now
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        let report = ListReport(catalog: catalog, status: HostProbe(files: root.files).read(), allowDebug: false)
        #expect(ContinuousClock.now - start < .seconds(20), "\(mutation) \(name) took too long")
        let path = catalog.directory + "/" + name
        let listed = report.images.first { $0.path == path }
        switch outcome {
        case .skipped(let code):
            #expect(listed == nil)
            #expect(report.skipped.first { $0.path == path }?.code == code, "\(report.skipped)")
            #expect(report.lines.contains { $0.hasPrefix("skipped \(path): ") })
        case .unreadable(let text):
            let image = try #require(listed, "\(mutation): \(report.images.map(\.path))")
            #expect(image.reasonCodes == ["unreadable"])
            #expect(image.reasons.first?.contains(text) == true, "\(image.reasons)")
            #expect(image.reasons.first?.contains(path) == true, "\(image.reasons)")
        case .absent:
            #expect(listed == nil)
        case .mappingUnused(let text):
            #expect(catalog.mapping == nil)
            if let text {
                #expect(report.mappingProblem?.contains(text) == true, "\(String(describing: report.mappingProblem))")
                #expect(report.mappingProblem?.contains(path) == true || text.contains("JSON"))
            }
        }
        // The good image is still found and verified; with the mapping intact it is chosen.
        let good = try #require(report.images.first { $0.version == "1.5.08" })
        #expect(good.verified)
        if name != "mapping_file.json" { #expect(report.selected != nil) }
        for line in report.lines + report.images.flatMap(\.reasons) {
            #expect(!line.contains("NSCocoaErrorDomain") && !line.contains("Error Domain"))
        }
    }

    @Test(
        "list and verify through the real tdxctl", .enabled(if: Tdxctl.path != nil),
        arguments: [("a FIFO", "fifo"), ("a symlink loop", "symbolic_link"), ("huge sparse file", nil), ("junk", nil)])
    func throughTdxctl(_ mutation: String, _ skipCode: String?) async throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.08", "1.5.09"])
        #expect(try Self.mutate(mutation, Self.target, in: folder))
        let folderPath = folder.path
        let root = try TemporaryHostRoot(HostDescription())
        let rootPath = root.path
        let start = ContinuousClock.now
        let list = try await offPool {
            try Tdxctl.run(["list", "--root", rootPath, "--images", folderPath, "--trust", "test", "--json"])
        }
        #expect(list.status == 0, "\(list.stderr)")
        let json = try list.json()
        let directory = try #require(json["images_directory"] as? String)
        let path = directory + "/" + Self.target
        if let skipCode {
            let skipped = try #require(json["skipped"] as? [[String: Any]])
            #expect(skipped.contains { $0["path"] as? String == path && $0["code"] as? String == skipCode })
        } else {
            let images = try #require(json["images"] as? [[String: Any]])
            let entry = try #require(images.first { $0["path"] as? String == path })
            #expect(entry["reason_codes"] as? [String] == ["unreadable"])
        }
        #expect(json["selected"] as? String == "1.5.08")

        let verify = try await offPool {
            try Tdxctl.run(["verify", folderPath + "/" + Self.target, "--trust", "test"])
        }
        #expect(verify.status == 1)
        #expect(verify.stderr.contains(folder.path + "/" + Self.target) || verify.stdout.contains(Self.target))
        #expect(!verify.stderr.contains("NSCocoaErrorDomain"))
        // A hang bound, not a speed bound: under ThreadSanitizer on a loaded 2-core machine the
        // two runs take over 30 s; a blocking read of the FIFO would never end.
        #expect(ContinuousClock.now - start < .seconds(120))
    }

    @Test("list and update require --images", .enabled(if: Tdxctl.path != nil))
    func imagesRequired() async throws {
        let root = try TemporaryHostRoot(HostDescription())
        let rootPath = root.path
        for command in ["list", "update"] {
            let run = try await offPool { try Tdxctl.run([command, "--root", rootPath]) }
            #expect(run.status == 64, "\(command)")
            #expect(run.stderr.contains("--images"), "\(command): \(run.stderr)")
        }
        let proc = try await offPool { try Tdxctl.run(["list", "--root", rootPath, "--images", "/proc"]) }
        #expect(proc.status == 1, "a folder that cannot be used is a failure, not a usage error")
        #expect(proc.stderr.contains("/proc"))
    }

    @Test("an image changed after listing is refused at upload, naming it; nothing written")
    func changedAfterListing() async throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.06", "1.5.08"])
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        let path = catalog.directory + "/joined_files/tdx_module_1.5.08.blob"
        // Same version, same size, another build: the listing's SHA-384 no longer matches.
        let other = try GeneratedImageFolder.signer.makeImage(
            version: ModuleVersion("1.5.08")!, cpuidTable: [0x806F8], date: BCDDate(year: 2025, month: 2, day: 2),
            modulePages: 1, format: .v1)
        try ImageFile.write(other.bytes, to: path)
        let host = FakeFirmwareHost(HostDescription())
        let report = await ModuleUpdater(files: host, pollInterval: .milliseconds(1)).update(
            UpdateRequest(timeout: .seconds(10)), catalog: catalog)
        guard case .refused(.imageChanged(.changed(let changed, _, _))) = report.result else {
            Issue.record("expected image_changed, got \(report.result): \(report.message)")
            return
        }
        #expect(changed == path)
        #expect(report.message.contains(path))
        #expect(report.message.contains("not uploaded"))
        #expect(host.writes.isEmpty)
        #expect(host.uploads.isEmpty)
    }

    @Test(
        "Intel's 1.5.06 on a host running Intel's 1.5.08 is a downgrade (lower signed SVN), refused; nothing written",
        .enabled(if: IntelRepository.available))
    func downgrade() async throws {
        let intel = try #require(IntelRepository.folder)
        let folder = try GeneratedImageFolder(versions: [], intelLayout: false, mapping: nil)
        try folder.write("tdx_module_1.5.06.blob", try ImageFile.read(intel + "/joined_files/tdx_module_1.5.06.blob"))
        try folder.write("mapping_file.json", try ImageFile.read(intel + "/mapping_file.json", role: .mappingFile))
        var description = HostDescription()
        description.moduleVersion = "1.5.08"
        let catalog = try ImageCatalog(directory: folder.path, trust: .intel)
        let context = SelectionContext(
            status: HostProbe(files: FakeFirmwareHost(description)).read(), allowDebug: false)
        let assessed = ImageSelector.assessAll(catalog.candidates, in: context)
        #expect(assessed.map { $0.reasons.map(\.code) } == [["older_than_running", "downgrade"]])
        let text = try #require(assessed.first?.reasons.last?.description)
        #expect(text.contains("signed SVN 0x0106, below SVN 0x0107 of the running 1.5.08"))

        for version in [ModuleVersion("1.5.06"), nil] {
            let host = FakeFirmwareHost(description)
            let report = await ModuleUpdater(files: host, pollInterval: .milliseconds(1)).update(
                UpdateRequest(version: version, timeout: .seconds(10)), catalog: catalog)
            guard case .refused = report.result else {
                Issue.record("expected a refusal, got \(report.result)")
                continue
            }
            if version != nil { #expect(report.message.contains("downgrade"), "\(report.message)") }
            #expect(host.writes.isEmpty)
        }
    }

    @Test("an image signed with another key is not compared with Intel's published SVNs")
    func otherKeyNotCompared() throws {
        let folder = try GeneratedImageFolder(versions: [], intelLayout: false)
        let image = try GeneratedImageFolder.signer.makeImage(
            version: ModuleVersion("1.5.09")!, svn: 0x0105, cpuidTable: [0x806F8], modulePages: 1, format: .v2)
        try folder.write("tdx_module_1.5.09.img", image.bytes)
        var description = HostDescription()
        description.moduleVersion = "1.5.08"
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        let context = SelectionContext(
            status: HostProbe(files: FakeFirmwareHost(description)).read(), allowDebug: false)
        #expect(ImageSelector.assessAll(catalog.candidates, in: context).first?.reasons.map(\.code) == [])
    }
}
