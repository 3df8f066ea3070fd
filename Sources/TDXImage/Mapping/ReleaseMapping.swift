import Foundation

/// Intel's release metadata (`mapping_file.json` in intel/tdx-module-binaries): for each
/// released TDX module, the P-SEAMLDR versions it needs and the oldest running module it
/// can replace without losing TDs.
///
/// Entries that are malformed are kept out of `releases` and listed in `problems`, so one
/// bad entry does not hide the others (Intel's script likewise skips such modules).
public struct ReleaseMapping: Sendable, Equatable {
    /// The file's header "Version" (e.g. "1.0"), when present.
    public let formatVersion: String?
    /// The valid release entries, in file order.
    public let releases: [ModuleRelease]
    /// What was wrong with each entry left out of `releases`.
    public let problems: [MappingFileError]

    /// A mapping from already-typed releases (for generated fixtures and tests).
    public init(formatVersion: String? = "1.0", releases: [ModuleRelease], problems: [MappingFileError] = []) {
        self.formatVersion = formatVersion
        self.releases = releases
        self.problems = problems
    }

    /// Parses the bytes of a `mapping_file.json`.
    ///
    /// Throws only when the file as a whole is unusable (not JSON, no release array);
    /// problems with single entries are collected in `problems`.
    public init(jsonBytes: [UInt8]) throws(MappingFileError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(jsonBytes))
        } catch {
            // The parser's own words ("Unexpected character 'x' around line 1, column 1."),
            // not Foundation's generic "The data couldn't be read...".
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw .malformedJSON(detail: detail ?? "the JSON parser rejected it")
        }
        guard let top = object as? [String: Any] else {
            throw .malformedJSON(detail: "the top level is not an object")
        }
        guard let entries = top["tdx_module_releases"] as? [Any] else {
            throw .missingReleaseList
        }
        let header = top["Header"] as? [String: Any]
        var releases: [ModuleRelease] = []
        var problems: [MappingFileError] = []
        var seen: Set<ModuleVersion> = []
        for (index, entry) in entries.enumerated() {
            do {
                let release = try Self.release(from: entry, index: index)
                if seen.insert(release.version).inserted {
                    releases.append(release)
                } else {
                    problems.append(.duplicateVersion(release.version))
                }
            } catch {
                problems.append(error)
            }
        }
        self.init(formatVersion: header?["Version"] as? String, releases: releases, problems: problems)
    }

    /// The release entry for `version`, if the file lists it.
    public func release(for version: ModuleVersion) -> ModuleRelease? {
        releases.first { $0.version == version }
    }

    /// Serialises the mapping in Intel's layout (for generated fixtures).
    public func jsonBytes() -> [UInt8] {
        func quoted(_ text: String) -> String { "\"\(text)\"" }
        var lines: [String] = []
        lines.append("{")
        lines.append("  \"Header\": {")
        lines.append("    \"Copyright\": \"generated\",")
        lines.append("    \"Info\": \"Info of each Intel TDX module release\",")
        lines.append("    \"Version\": \(quoted(formatVersion ?? "1.0"))")
        lines.append("  },")
        lines.append("  \"tdx_module_releases\": [")
        for (index, release) in releases.enumerated() {
            let loaders = release.minimumSeamldrVersions.map { quoted($0.description) }.joined(separator: ", ")
            lines.append("    {")
            lines.append("      \"version\": \(quoted(release.version.description)),")
            lines.append(
                "      \"min_module_version_for_td_preserving\": \(quoted(release.minimumVersionForTDPreserving.description)),"
            )
            lines.append("      \"min_seamldr_versions\": [ \(loaders) ],")
            lines.append(
                "      \"tdx_feature0\": \(quoted("0x" + String(release.tdxFeatures0, radix: 16, uppercase: true)))")
            lines.append(index == releases.count - 1 ? "    }" : "    },")
        }
        lines.append("  ]")
        lines.append("}")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private static func release(from entry: Any, index: Int) throws(MappingFileError) -> ModuleRelease {
        guard let fields = entry as? [String: Any] else {
            throw .invalidField(entry: index, field: "(entry)", value: "\(entry)", expected: "an object")
        }
        func string(_ field: String) throws(MappingFileError) -> String {
            guard let raw = fields[field] else { throw .missingField(entry: index, field: field) }
            guard let text = raw as? String else {
                throw .invalidField(entry: index, field: field, value: "\(raw)", expected: "a string")
            }
            return text
        }
        func version(_ field: String, _ text: String) throws(MappingFileError) -> ModuleVersion {
            guard let parsed = ModuleVersion(text) else {
                throw .invalidField(
                    entry: index, field: field, value: text, expected: "a version \"major.minor.update\"")
            }
            return parsed
        }
        let releaseVersion = try version("version", try string("version"))
        let minimum = try version(
            "min_module_version_for_td_preserving", try string("min_module_version_for_td_preserving"))
        guard let rawLoaders = fields["min_seamldr_versions"] else {
            throw .missingField(entry: index, field: "min_seamldr_versions")
        }
        guard let loaderTexts = rawLoaders as? [Any], !loaderTexts.isEmpty else {
            throw .invalidField(
                entry: index, field: "min_seamldr_versions", value: "\(rawLoaders)",
                expected: "a non-empty array of versions")
        }
        var loaders: [ModuleVersion] = []
        for raw in loaderTexts {
            guard let text = raw as? String else {
                throw .invalidField(
                    entry: index, field: "min_seamldr_versions", value: "\(raw)", expected: "a version string")
            }
            loaders.append(try version("min_seamldr_versions", text))
        }
        let featureText = try string("tdx_feature0")
        guard let features = Self.hexValue(featureText) else {
            throw .invalidField(
                entry: index, field: "tdx_feature0", value: featureText,
                expected: "a hexadecimal number such as 0xF0FBF")
        }
        return ModuleRelease(
            version: releaseVersion, minimumVersionForTDPreserving: minimum,
            minimumSeamldrVersions: loaders, tdxFeatures0: features)
    }

    private static func hexValue(_ text: String) -> UInt64? {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty else { return nil }
        return UInt64(digits, radix: 16)
    }
}
