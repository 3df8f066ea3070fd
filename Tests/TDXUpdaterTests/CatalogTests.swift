import Foundation
import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

@Suite("Finding images: Intel's layout and flat folders")
struct CatalogTests {
    @Test("Intel's layout: blobs under joined_files with mapping_file.json")
    func generatedIntelLayout() throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.06", "1.5.08", "2.0.04"])
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        #expect(catalog.mapping == IntelReleases.mapping)
        #expect(catalog.mappingProblem == nil)
        #expect(catalog.candidates.map { $0.facts?.version.description } == ["1.5.06", "1.5.08", "2.0.04"])
        for candidate in catalog.candidates {
            #expect(candidate.kind == "v1 blob")
            #expect(candidate.verification?.allPassed == true)
            #expect(candidate.release?.version == candidate.facts?.version)
        }
        #expect(catalog.candidates[2].facts?.supportedCPUs.map(\.rawValue) == [0xA06D0, 0xA06E0])
    }

    @Test("a flat folder of v2 images, a bin+sigstruct pair, and files that are not images")
    func flatFolder() throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.09"], format: .v2, intelLayout: false)
        let pair = try GeneratedImageFolder.signer.makeImage(
            version: ModuleVersion("1.5.13")!, modulePages: 2, format: .v1)
        try folder.write("tdx_module_1.5.13.bin", Array(pair.module))
        try folder.write("tdx_module_1.5.13.sigstruct", pair.sigstruct.bytes)
        try folder.write("README.md", Array("not an image".utf8))
        try folder.write("broken.blob", [0x00, 0x01, 0x02])
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        let byPath = Dictionary(
            uniqueKeysWithValues: catalog.candidates.map { (($0.path as NSString).lastPathComponent, $0) })
        #expect(Set(byPath.keys) == ["tdx_module_1.5.09.img", "tdx_module_1.5.13.bin", "broken.blob"])
        #expect(byPath["tdx_module_1.5.09.img"]?.kind == "v2 image")
        #expect(byPath["tdx_module_1.5.13.bin"]?.kind == "bin+sigstruct")
        #expect(byPath["tdx_module_1.5.13.bin"]?.verification?.allPassed == true)
        #expect(byPath["tdx_module_1.5.13.bin"]?.format == .v2)
        #expect(byPath["broken.blob"]?.facts == nil)
        #expect(byPath["broken.blob"]?.loadProblem?.description.contains("truncated") == true)
    }

    @Test("an image named anything is found by its signature; its version comes from the sigstruct")
    func foundByContent() throws {
        let folder = try GeneratedImageFolder(versions: [], format: .v2, intelLayout: false)
        let image = try GeneratedImageFolder.signer.makeImage(
            version: ModuleVersion("1.5.16")!, modulePages: 1, format: .v2)
        try folder.write("update.bin.new", image.bytes)
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        #expect(catalog.candidates.map { $0.facts?.version.description } == ["1.5.16"])
    }

    @Test("a tampered image fails verification and is passed over with the check named")
    func tampered() throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.08", "1.5.09"])
        let path = folder.path + "/joined_files/tdx_module_1.5.09.blob"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 1] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        let context = SelectionContext(
            runningVersion: .value(ModuleVersion("1.5.06")!), seamldrVersion: .value(ModuleVersion("1.5.00")!),
            cpuSignatures: .value([CPUIDSignature(rawValue: 0x806F8)]), allowDebug: false)
        let assessed = ImageSelector.assessAll(catalog.candidates, in: context)
        #expect(assessed[0].version?.description == "1.5.09")
        #expect(assessed[0].reasons.map(\.code) == ["verification_failed"])
        #expect(assessed[0].reasons[0].description.contains("checksum"))
        #expect(assessed[0].reasons[0].description.contains("module hash"))
        #expect(assessed.first(where: \.selected)?.version?.description == "1.5.08")
    }

    @Test("test-signed images are untrusted under Intel's key")
    func untrusted() throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.08"])
        let catalog = try ImageCatalog(directory: folder.path, trust: .intel)
        #expect(catalog.candidates[0].verification?.failedChecks == [.trust])
    }

    @Test("mapping problems: unusable default is noted, an unusable named one is an error")
    func mappingProblems() throws {
        let folder = try GeneratedImageFolder(versions: ["1.5.08"], mapping: nil)
        try folder.write("mapping_file.json", Array("{".utf8))
        let catalog = try ImageCatalog(directory: folder.path, trust: .test)
        #expect(catalog.mapping == nil)
        #expect(catalog.mappingProblem?.contains("not valid JSON") == true)
        #expect(catalog.candidates[0].release == nil)
        #expect(throws: CatalogError.self) {
            try ImageCatalog(directory: folder.path, mappingPath: folder.path + "/mapping_file.json", trust: .test)
        }
        let missing = folder.path + "/nope"
        #expect {
            try ImageCatalog(directory: missing, trust: .test)
        } throws: { error in
            guard case CatalogError.folder(.unreadable(let failure)) = error else { return false }
            return failure.path == missing && failure.errno?.rawValue == ENOENT
        }
    }

    @Test(
        "Intel's repository: every published image verifies under Intel's key", .enabled(if: IntelRepository.available))
    func intelRepository() throws {
        let catalog = try ImageCatalog(directory: IntelRepository.folder!, trust: .intel)
        #expect(catalog.mapping == IntelReleases.mapping)
        #expect(catalog.candidates.count >= 7)
        for candidate in catalog.candidates {
            let facts = try #require(candidate.facts, "\(candidate.path): \(candidate.loadProblem?.description ?? "")")
            #expect(candidate.verification?.allPassed == true, "\(candidate.path)")
            #expect(candidate.release?.version == facts.version)
            #expect(
                facts.supportedCPUs.map(\.rawValue)
                    == IntelReleases.cpuidTable(for: facts.version).map { $0 & 0xFFFF_FFF0 },
                "\(candidate.path)")
            #expect(!facts.isDebug)
        }
        #expect(catalog.candidates.contains { $0.kind == "bin+sigstruct" })
        // On a Sapphire Rapids host running 1.5.05 with P-SEAMLDR 1.5.00, the newest published is chosen.
        let context = SelectionContext(
            runningVersion: .value(ModuleVersion("1.5.05")!), seamldrVersion: .value(ModuleVersion("1.5.00")!),
            cpuSignatures: .value([CPUIDSignature(rawValue: 0x806F8)]), allowDebug: false)
        let assessed = ImageSelector.assessAll(catalog.candidates, in: context)
        let newest = catalog.candidates.compactMap(\.facts?.version).max()
        #expect(assessed.first(where: \.selected)?.version == newest)

        // Across every host of the selection matrix, the real images and mapping choose
        // exactly what the fixture facts of the same versions choose.
        let available = Set(catalog.candidates.compactMap(\.facts?.version))
        let fixtures = IntelReleases.factCandidates().filter { available.contains($0.facts!.version) }
        var mismatches: [String] = []
        for running in SelectionTests.runningVersions {
            for loader in SelectionTests.loaders {
                for cpus in SelectionTests.cpuSets {
                    let host = SelectionTests.context(running: running, loader: loader, cpus: cpus)
                    let real = ImageSelector.assessAll(catalog.candidates, in: host).first(where: \.selected)?.version
                    let fixture = ImageSelector.assessAll(fixtures, in: host).first(where: \.selected)?.version
                    if real != fixture {
                        mismatches.append(
                            "running \(running), P-SEAMLDR \(loader), CPUs \(cpus): \(String(describing: real)) vs \(String(describing: fixture))"
                        )
                    }
                }
            }
        }
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "\(mismatches.prefix(10).joined(separator: "\n"))")
    }
}
