import Foundation
import TDXImage
import Testing

@testable import TDXUpdater

@Suite("mapping_file.json model")
struct MappingTests {
    @Test("Intel's mapping file parses into the eleven releases of the spec", .enabled(if: IntelRepository.available))
    func intelMappingMatchesFixture() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: IntelRepository.folder! + "/mapping_file.json")))
        let mapping = try ReleaseMapping(jsonBytes: bytes)
        #expect(mapping.problems.isEmpty)
        #expect(mapping.formatVersion == "1.0")
        #expect(mapping == IntelReleases.mapping)
    }

    @Test("generated mapping JSON round-trips")
    func roundTrip() throws {
        let parsed = try ReleaseMapping(jsonBytes: IntelReleases.mapping.jsonBytes())
        #expect(parsed == IntelReleases.mapping)
    }

    @Test("a file that is not JSON is rejected as a whole")
    func malformed() {
        #expect(throws: MappingFileError.self) { try ReleaseMapping(jsonBytes: Array("{ not json".utf8)) }
        #expect(throws: MappingFileError.missingReleaseList) { try ReleaseMapping(jsonBytes: Array("{}".utf8)) }
    }

    @Test(
        "a bad entry is reported with its field and left out, the others kept",
        arguments: [
            (
                #"{"min_module_version_for_td_preserving":"1.5.01","min_seamldr_versions":["1.5.00"],"tdx_feature0":"0x1"}"#,
                MappingFileError.missingField(entry: 0, field: "version")
            ),
            (
                #"{"version":"1.5","min_module_version_for_td_preserving":"1.5.01","min_seamldr_versions":["1.5.00"],"tdx_feature0":"0x1"}"#,
                .invalidField(entry: 0, field: "version", value: "1.5", expected: "a version \"major.minor.update\"")
            ),
            (
                #"{"version":"1.5.02","min_module_version_for_td_preserving":"1.5.01","min_seamldr_versions":[],"tdx_feature0":"0x1"}"#,
                .invalidField(
                    entry: 0, field: "min_seamldr_versions", value: "(\n)", expected: "a non-empty array of versions")
            ),
            (
                #"{"version":"1.5.02","min_module_version_for_td_preserving":"1.5.01","min_seamldr_versions":["1.5.00"],"tdx_feature0":"xyz"}"#,
                .invalidField(
                    entry: 0, field: "tdx_feature0", value: "xyz", expected: "a hexadecimal number such as 0xF0FBF")
            ),
            (
                #"{"version":"1.5.02","min_seamldr_versions":["1.5.00"],"tdx_feature0":"0x1"}"#,
                .missingField(entry: 0, field: "min_module_version_for_td_preserving")
            ),
        ])
    func badEntry(entry: String, expected: MappingFileError) throws {
        let good =
            #"{"version":"1.5.09","min_module_version_for_td_preserving":"1.5.01","min_seamldr_versions":["1.5.00"],"tdx_feature0":"0xF"}"#
        let json = #"{"tdx_module_releases":["# + entry + "," + good + "]}"
        let mapping = try ReleaseMapping(jsonBytes: Array(json.utf8))
        #expect(mapping.releases.map(\.version.description) == ["1.5.09"])
        #expect(mapping.problems.count == 1)
        // An array's value is shown as JSON parsing rendered it; compare everything else.
        switch (mapping.problems.first, expected) {
        case (
            .invalidField(let entry, "min_seamldr_versions", _, let wanted)?,
            .invalidField(let expectedEntry, "min_seamldr_versions", _, let expectedWanted)
        ):
            #expect(entry == expectedEntry && wanted == expectedWanted)
        default:
            #expect(mapping.problems.first == expected)
        }
        #expect(mapping.problems.first?.description.contains("tdx_module_releases[0]") == true)
    }

    @Test("a duplicate version keeps the first entry")
    func duplicate() throws {
        let entry =
            #"{"version":"1.5.09","min_module_version_for_td_preserving":"1.5.01","min_seamldr_versions":["1.5.00"],"tdx_feature0":"0xF"}"#
        let mapping = try ReleaseMapping(
            jsonBytes: Array(#"{"tdx_module_releases":["#.utf8) + Array((entry + "," + entry + "]}").utf8))
        #expect(mapping.releases.count == 1)
        #expect(mapping.problems == [.duplicateVersion(ModuleVersion("1.5.09")!)])
    }

    @Test(
        "P-SEAMLDR rule: same major.minor as a listed minimum, update not below it",
        arguments: [
            ("1.5.00", true), ("1.5.07", true), ("2.0.00", true), ("2.0.03", true), ("1.4.99", false),
            ("2.1.00", false), ("3.0.00", false), ("0.0.00", false),
        ])
    func seamldrRule(loader: String, accepted: Bool) throws {
        let release = try #require(IntelReleases.mapping.release(for: ModuleVersion("1.5.06")!))
        #expect(release.isCompatible(withSeamldr: ModuleVersion(loader)!) == accepted)
        let onlyTwo = try #require(IntelReleases.mapping.release(for: ModuleVersion("2.0.08")!))
        #expect(onlyTwo.isCompatible(withSeamldr: ModuleVersion(loader)!) == (accepted && loader.hasPrefix("2.0")))
    }

    @Test(
        "TD-preserving rule: same series, not older, running not below the minimum",
        arguments: [
            ("2.0.08", "2.0.04", true), ("2.0.08", "2.0.05", true), ("2.0.08", "2.0.08", true),
            ("2.0.08", "2.0.02", false), ("2.0.08", "2.0.09", false), ("2.0.08", "1.5.16", false),
            ("2.0.04", "2.0.02", false), ("1.5.16", "1.5.01", true), ("1.5.16", "1.5.00", false),
        ])
    func tdPreservingRule(release: String, running: String, capable: Bool) throws {
        let entry = try #require(IntelReleases.mapping.release(for: ModuleVersion(release)!))
        #expect(entry.isTDPreservingCapable(from: ModuleVersion(running)!) == capable)
    }
}
