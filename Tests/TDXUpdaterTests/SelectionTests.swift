import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

/// A port of Intel's `version_select_and_load.py` predicates (spec section 6.2), kept
/// deliberately close to the script's own steps, as an independent oracle.
private enum IntelScriptOracle {
    static func compatibleWithSeamldr(_ release: (String, String, [String], UInt64, [UInt32]), loader: String) -> Bool {
        let parts = loader.split(separator: ".").map { Int($0)! }
        return release.2.contains { minimum in
            let wanted = minimum.split(separator: ".").map { Int($0)! }
            return wanted[0] == parts[0] && wanted[1] == parts[1] && wanted[2] <= parts[2]
        }
    }

    /// Intel checks the CPU the script runs on; this checks every CPU (our deliberate change).
    static func compatible(_ release: (String, String, [String], UInt64, [UInt32]), loader: String, cpus: [UInt32])
        -> Bool
    {
        compatibleWithSeamldr(release, loader: loader)
            && cpus.allSatisfy { cpu in release.4.map { $0 & 0xFFFF_FFF0 }.contains(cpu & 0xFFFF_FFF0) }
    }

    static func capable(_ release: (String, String, [String], UInt64, [UInt32]), running: String) -> Bool {
        let run = running.split(separator: ".").map { Int($0)! }
        let mine = release.0.split(separator: ".").map { Int($0)! }
        let minimum = release.1.split(separator: ".").map { Int($0)! }
        return run[0] == mine[0] && run[1] == mine[1] && mine[2] >= run[2] && minimum[2] <= run[2]
    }

    /// Intel's `--update`: the highest update number among capable modules (compatibility
    /// not considered in the choice).
    static func intelChoice(running: String) -> String? {
        IntelReleases.table.filter { capable($0, running: running) }
            .max { $0.0.split(separator: ".")[2] < $1.0.split(separator: ".")[2] }?.0
    }

    /// What this tool must pick: the newest compatible, capable, strictly newer release.
    static func expectedChoice(running: String, loader: String, cpus: [UInt32]) -> String? {
        IntelReleases.table.filter {
            capable($0, running: running) && compatible($0, loader: loader, cpus: cpus)
                && ModuleVersion($0.0)! > ModuleVersion(running)!
        }.max { ModuleVersion($0.0)! < ModuleVersion($1.0)! }?.0
    }
}

@Suite("Choosing an image")
struct SelectionTests {
    static let runningVersions = IntelReleases.table.map(\.0) + ["1.5.00", "1.5.20", "2.0.03", "1.4.10", "3.0.00"]
    static let loaders = ["1.5.00", "1.5.03", "2.0.00", "2.0.02", "1.4.99", "2.1.00", "3.0.00"]
    static let cpuSets: [[UInt32]] = [
        [0x806F8], [0xC06F1], [0xA06F3], [0xA06D1], [0xA06E0], [0x906A3],
        [0x806F8, 0x806F8, 0xC06F2],  // two sockets, both supported by 1.5.01
        [0x806F8, 0xA06F0],  // second socket only in 1.5.05+
        [0xA06D0, 0xA06E1],  // GNR + GNR-D: 2.0.04+
        [0x806F8, 0xA06D0],  // mixed families: nothing fits
    ]

    static func context(running: String, loader: String, cpus: [UInt32], allowDebug: Bool = false) -> SelectionContext {
        SelectionContext(
            runningVersion: .value(ModuleVersion(running)!), seamldrVersion: .value(ModuleVersion(loader)!),
            cpuSignatures: .value(cpus.map(CPUIDSignature.init(rawValue:))), allowDebug: allowDebug)
    }

    @Test("every running version x P-SEAMLDR x CPU set of Intel's mapping picks what the rules say")
    func wholeMapping() {
        var combinations = 0
        var intelWouldReinstall = 0
        var mismatches: [String] = []
        let candidates = IntelReleases.factCandidates()
        for running in Self.runningVersions {
            for loader in Self.loaders {
                for cpus in Self.cpuSets {
                    combinations += 1
                    let where_ = "running \(running), P-SEAMLDR \(loader), CPUs \(cpus.map { String($0, radix: 16) })"
                    let assessed = ImageSelector.assessAll(
                        candidates, in: Self.context(running: running, loader: loader, cpus: cpus))
                    let selected = assessed.filter(\.selected).compactMap(\.version?.description)
                    let expected = IntelScriptOracle.expectedChoice(running: running, loader: loader, cpus: cpus)
                    if selected != (expected.map { [$0] } ?? []) {
                        mismatches.append("\(where_): selected \(selected), expected \(expected ?? "none")")
                    }
                    for assessment in assessed {
                        let release = IntelReleases.table.first { $0.0 == assessment.version?.description }!
                        let labels = [
                            assessment.compatible, assessment.tdPreservingCapable, assessment.current,
                            assessment.eligible,
                        ]
                        let compatible = IntelScriptOracle.compatible(release, loader: loader, cpus: cpus)
                        let capable = IntelScriptOracle.capable(release, running: running)
                        let oracle = [
                            compatible, capable, release.0 == running, compatible && capable && release.0 != running,
                        ]
                        if labels != oracle {
                            mismatches.append("\(where_), image \(release.0): labels \(labels), expected \(oracle)")
                        }
                    }
                    // Where Intel's choice is installable and newer, both tools agree; where Intel
                    // would reinstall the running version, this tool picks nothing older or equal.
                    if let intel = IntelScriptOracle.intelChoice(running: running),
                        let release = IntelReleases.table.first(where: { $0.0 == intel }),
                        IntelScriptOracle.compatible(release, loader: loader, cpus: cpus), intel != running
                    {
                        if selected != [intel] { mismatches.append("\(where_): Intel picks \(intel), we \(selected)") }
                    } else if IntelScriptOracle.intelChoice(running: running) == running {
                        intelWouldReinstall += 1
                        if !selected.isEmpty {
                            mismatches.append("\(where_): nothing newer exists, we picked \(selected)")
                        }
                    }
                }
            }
        }
        #expect(combinations == Self.runningVersions.count * Self.loaders.count * Self.cpuSets.count)
        #expect(intelWouldReinstall > 0)
        let firstMismatches = mismatches.prefix(10).joined(separator: "\n")
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "\(firstMismatches)")
    }

    @Test(
        "spot checks against the mapping by hand",
        arguments: [
            ("1.5.06", "1.5.00", [UInt32(0x806F8)], "1.5.16"),
            ("1.5.01", "2.0.00", [0xA06F0], "1.5.16"),
            ("1.5.16", "1.5.00", [0x806F8], nil),  // newest already runs
            ("2.0.02", "2.0.00", [0xA06D0], nil),  // 2.0.04+ need running >= 2.0.04
            ("2.0.04", "2.0.00", [0xA06D0, 0xA06E0], "2.0.08"),
            ("2.0.04", "1.5.00", [0xA06D0], nil),  // 2.0 releases need P-SEAMLDR 2.0
            ("1.5.00", "1.5.00", [0x806F8], nil),  // below every release's minimum
            ("1.5.06", "1.5.00", [0x806F8, 0xA06D0], nil),  // one socket unsupported
            ("1.5.06", "1.4.99", [0x806F8], nil),
        ] as [(String, String, [UInt32], String?)])
    func spotChecks(running: String, loader: String, cpus: [UInt32], expected: String?) {
        let assessed = ImageSelector.assessAll(
            IntelReleases.factCandidates(), in: Self.context(running: running, loader: loader, cpus: cpus))
        #expect(assessed.first(where: \.selected)?.version?.description == expected)
    }

    @Test("an incompatible newest image does not stop the search")
    func incompatibleNewestSkipped() {
        // Only 1.5.05+ list 0xA06F0; make 1.5.16 and 1.5.13 not list it.
        let candidates = IntelReleases.factCandidates().map { candidate -> ImageCandidate in
            guard let facts = candidate.facts, ["1.5.16", "1.5.13"].contains(facts.version.description) else {
                return candidate
            }
            return ImageCandidate(
                path: candidate.path, summary: nil,
                facts: ImageFacts(
                    version: facts.version, isDebug: false, supportedCPUs: [CPUIDSignature(rawValue: 0x806F0)],
                    svn: facts.svn, date: facts.date),
                loadProblem: nil, verification: nil, release: candidate.release)
        }
        let assessed = ImageSelector.assessAll(
            candidates, in: Self.context(running: "1.5.06", loader: "1.5.00", cpus: [0xA06F0]))
        #expect(assessed.first(where: \.selected)?.version?.description == "1.5.09")
        let newest = assessed.first { $0.version?.description == "1.5.16" }
        #expect(newest?.reasons.map(\.code) == ["cpu_not_supported"])
        #expect(newest?.reasons.first?.description.contains("0xA06F0") == true)
    }

    @Test("reasons for every refusal kind")
    func reasons() throws {
        let assessed = ImageSelector.assessAll(
            IntelReleases.factCandidates(debug: ["1.5.16"]),
            in: Self.context(running: "1.5.06", loader: "1.5.00", cpus: [0x806F8]))
        func codes(_ version: String) -> [String] {
            assessed.first { $0.version?.description == version }?.reasons.map(\.code) ?? ["missing"]
        }
        #expect(codes("1.5.16") == ["debug_not_allowed"])
        #expect(codes("1.5.13") == [])
        #expect(codes("1.5.06") == ["same_as_running"])
        #expect(codes("1.5.05") == ["older_than_running"])
        #expect(codes("2.0.08") == ["cpu_not_supported", "seamldr_incompatible", "different_series"])
        #expect(assessed.first(where: \.selected)?.version?.description == "1.5.13")

        let allowing = ImageSelector.assessAll(
            IntelReleases.factCandidates(debug: ["1.5.16"]),
            in: Self.context(running: "1.5.06", loader: "1.5.00", cpus: [0x806F8], allowDebug: true))
        #expect(allowing.first(where: \.selected)?.version?.description == "1.5.16")
    }

    @Test("unknown host facts block selection with the reason")
    func unknownHost() {
        let failure = HostFileError(path: HostPaths.seamldrVersion, errno: .permissionDenied)
        let context = SelectionContext(
            runningVersion: .failed(HostFileError(path: HostPaths.moduleVersion, errno: .noSuchAddressOrDevice)),
            seamldrVersion: .failed(failure), cpuSignatures: .malformed(path: "/proc/cpuinfo", text: "?"),
            allowDebug: false)
        let assessed = ImageSelector.assessAll(IntelReleases.factCandidates(), in: context)
        #expect(assessed.allSatisfy { !$0.selected && !$0.compatible && !$0.tdPreservingCapable })
        #expect(assessed[0].reasons.map(\.code) == ["cpus_unknown", "seamldr_unknown", "running_version_unknown"])
        #expect(assessed[0].reasons[1].description.contains("EACCES"))
    }

    @Test("an image without release metadata is listed but not chosen")
    func noMetadata() throws {
        let candidate = ImageCandidate(
            path: "x/tdx_module_1.5.30.img", summary: nil,
            facts: ImageFacts(
                version: ModuleVersion("1.5.30")!, isDebug: false, supportedCPUs: [CPUIDSignature(rawValue: 0x806F0)],
                svn: 0x0110, date: BCDDate(year: 2025, month: 6, day: 1)),
            loadProblem: nil, verification: nil, release: nil)
        let assessed = ImageSelector.assessAll(
            [candidate] + IntelReleases.factCandidates(),
            in: Self.context(running: "1.5.06", loader: "1.5.00", cpus: [0x806F8]))
        let unknown = try #require(assessed.first { $0.version?.description == "1.5.30" })
        #expect(unknown.reasons.map(\.code) == ["no_release_metadata"])
        #expect(!unknown.compatible)
        #expect(assessed.first(where: \.selected)?.version?.description == "1.5.16")
    }

    @Test("one image per version is selected; a v2 copy is preferred over a v1 one")
    func duplicates() throws {
        let signer = GeneratedImageFolder.signer
        let v1 = try signer.makeImage(
            version: ModuleVersion("1.5.16")!, cpuidTable: [0x806F8], modulePages: 1, format: .v1)
        let v2 = try ImageBuilder.convert(v1, to: .v2)
        let release = IntelReleases.mapping.release(for: ModuleVersion("1.5.16")!)
        let candidates = [("a/tdx_module_1.5.16.blob", v1), ("b/tdx_module_1.5.16.img", v2)].map { path, image in
            ImageCandidate(
                path: path, summary: ImageSummary(image),
                facts: ImageFacts(
                    version: ModuleVersion("1.5.16")!, isDebug: false,
                    supportedCPUs: [CPUIDSignature(rawValue: 0x806F8)], svn: image.sigstruct.svn,
                    date: image.sigstruct.date),
                loadProblem: nil, verification: image.verify(trusting: .test), release: release)
        }
        let assessed = ImageSelector.assessAll(
            candidates, in: Self.context(running: "1.5.06", loader: "1.5.00", cpus: [0x806F8]))
        #expect(assessed.filter(\.selected).map(\.candidate.path) == ["b/tdx_module_1.5.16.img"])
        #expect(assessed.first { !$0.selected }?.reasons.map(\.code) == ["duplicate"])
    }

    @Test("naming a version: found, blocked, or forced")
    func named() throws {
        let assessed = ImageSelector.assessAll(
            IntelReleases.factCandidates(), in: Self.context(running: "1.5.06", loader: "1.5.00", cpus: [0x806F8]))
        let same = try #require(ImageSelector.named(ModuleVersion("1.5.06")!, among: assessed, force: false))
        #expect(ImageSelector.blockingReasons(same, force: false).map(\.code) == ["same_as_running"])
        #expect(ImageSelector.blockingReasons(same, force: true).isEmpty)
        let older = try #require(ImageSelector.named(ModuleVersion("1.5.05")!, among: assessed, force: true))
        #expect(ImageSelector.blockingReasons(older, force: true).map(\.code) == ["older_than_running"])
        #expect(ImageSelector.named(ModuleVersion("1.5.07")!, among: assessed, force: false) == nil)
    }
}
