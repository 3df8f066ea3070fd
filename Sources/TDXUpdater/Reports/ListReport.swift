import TDXImage

/// `tdxctl list` as data: every image found and how it fares on this host.
public struct ListReport: Encodable, Sendable {
    /// One image's line.
    public struct Image: Encodable, Sendable, Equatable {
        /// "1.5.08", null when unknown.
        public let version: String?
        public let path: String
        /// "v1 blob", "v2 image", "bin+sigstruct" or "unreadable".
        public let kind: String
        public let debug: Bool
        /// Every check of `verify` passed under the chosen trust.
        public let verified: Bool
        public let compatible: Bool
        public let tdPreservingCapable: Bool
        public let current: Bool
        public let selected: Bool
        /// Why `update` would not pick it on its own, in words (empty when eligible).
        public let reasons: [String]
        /// The same reasons as stable identifiers.
        public let reasonCodes: [String]

        enum CodingKeys: String, CodingKey {
            case version, path, kind, debug, verified, compatible, current, selected, reasons
            case tdPreservingCapable = "td_preserving_capable"
            case reasonCodes = "reason_codes"
        }

        /// The line for one assessment.
        public init(_ assessment: ImageAssessment) {
            version = assessment.version?.description
            path = assessment.candidate.path
            kind = assessment.candidate.kind
            debug = assessment.isDebug
            verified = assessment.candidate.verification?.allPassed ?? false
            compatible = assessment.compatible
            tdPreservingCapable = assessment.tdPreservingCapable
            current = assessment.current
            selected = assessment.selected
            reasons = assessment.reasons.map(\.description)
            reasonCodes = assessment.reasons.map(\.code)
        }
    }

    public let imagesDirectory: String
    public let mapping: String?
    public let mappingProblem: String?
    public let runningVersion: String?
    public let seamldrVersion: String?
    public let cpuid: [String]
    /// The version `update` would install, null when none.
    public let selected: String?
    public let images: [Image]

    enum CodingKeys: String, CodingKey {
        case mapping, cpuid, selected, images
        case imagesDirectory = "images_directory"
        case mappingProblem = "mapping_problem"
        case runningVersion = "running_version"
        case seamldrVersion = "seamldr_version"
    }

    /// The report for `catalog` judged on the host in `status`.
    public init(catalog: ImageCatalog, status: HostStatus, allowDebug: Bool) {
        let assessments = ImageSelector.assessAll(
            catalog.candidates, in: SelectionContext(status: status, allowDebug: allowDebug))
        imagesDirectory = catalog.directory
        mapping = catalog.mappingPath
        mappingProblem = catalog.mappingProblem
        runningVersion = status.moduleVersion.value?.description
        seamldrVersion = status.seamldrVersion.value?.description
        cpuid = status.cpuSignatures.map(\.hex)
        selected = assessments.first(where: \.selected)?.version?.description
        images = assessments.map(Image.init)
    }

    /// The report as a table for a terminal: one row per image, reasons indented below.
    public var lines: [String] {
        var lines: [String] = []
        lines.append(
            "host: module \(runningVersion ?? "unknown"), P-SEAMLDR \(seamldrVersion ?? "unknown"), CPUID \(cpuid.isEmpty ? "unknown" : cpuid.joined(separator: ", "))"
        )
        if let mappingProblem { lines.append("release metadata: \(mappingProblem)") }
        if mapping == nil { lines.append("release metadata: no mapping_file.json (give one with --mapping)") }
        if images.isEmpty {
            lines.append("no module images found in \(imagesDirectory)")
            return lines
        }
        let header = ["", "VERSION", "KIND", "DEBUG", "VERIFIED", "COMPATIBLE", "TD-PRESERVING", "CURRENT", "PATH"]
        let rows = images.map { image in
            [
                image.selected ? "*" : "", image.version ?? "?", image.kind, yesNo(image.debug), yesNo(image.verified),
                yesNo(image.compatible), yesNo(image.tdPreservingCapable), image.current ? "current" : "",
                image.path,
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            row.indices.map { $0 == row.count - 1 ? row[$0] : row[$0].padding(toLength: widths[$0]) }.joined(
                separator: " ")
        }
        lines.append(render(header))
        for (row, image) in zip(rows, images) {
            lines.append(render(row))
            for reason in image.reasons { lines.append("    - \(reason)") }
        }
        lines.append(
            selected.map { "* `tdxctl update` would install \($0)" } ?? "`tdxctl update` would install nothing")
        return lines
    }

    private func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
}
