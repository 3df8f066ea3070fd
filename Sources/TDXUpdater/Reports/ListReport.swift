import TDXImage

/// `tdxctl list` as data: every image found and how it fares on this host.
public struct ListReport: Encodable, Sendable {
    /// One image's line.
    public struct Image: Encodable, Sendable, Equatable {
        /// "1.5.08", null when unknown.
        public let version: String?
        /// Where the image is (the `.bin` of a pair).
        public let path: String
        /// "v1 blob", "v2 image", "bin+sigstruct" or "unreadable".
        public let kind: String
        /// The sigstruct marks it a debug module.
        public let debug: Bool
        /// Every check of `verify` passed under the chosen trust.
        public let verified: Bool
        /// Every CPU of the host and its P-SEAMLDR are accepted by the image's release.
        public let compatible: Bool
        /// Intel's rule: same major.minor, not older, running not below the release's minimum.
        public let tdPreservingCapable: Bool
        /// It is the running version.
        public let current: Bool
        /// `update` would install it (true on at most one image).
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

        /// Encodes every key, absent values as null, so consumers always see the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encode(path, forKey: .path)
            try container.encode(kind, forKey: .kind)
            try container.encode(debug, forKey: .debug)
            try container.encode(verified, forKey: .verified)
            try container.encode(compatible, forKey: .compatible)
            try container.encode(tdPreservingCapable, forKey: .tdPreservingCapable)
            try container.encode(current, forKey: .current)
            try container.encode(selected, forKey: .selected)
            try container.encode(reasons, forKey: .reasons)
            try container.encode(reasonCodes, forKey: .reasonCodes)
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

    /// An entry of the folder passed over.
    public struct Skipped: Encodable, Sendable, Equatable {
        /// Where it is.
        public let path: String
        /// Why, in words.
        public let reason: String
        /// Why, as a stable identifier ("fifo", "symbolic_link", "mount_point", ...).
        public let code: String

        /// The line for one skipped entry.
        public init(_ entry: SkippedEntry) {
            path = entry.path
            reason = entry.reason.description
            code = entry.reason.code
        }

        /// Whether the text report names it on its own line: what could have been an image
        /// (by its name), and every FIFO, device, mount point or unreadable entry; plain
        /// links and folders elsewhere are only counted.
        var worthALine: Bool {
            let imageLike = [".blob", ".img", ".image", ".bin", ".sigstruct", "mapping_file.json"].contains {
                path.hasSuffix($0)
            }
            return imageLike || !["symbolic_link", "too_deep", "other_file_system"].contains(code)
        }
    }

    /// The folder searched.
    public let imagesDirectory: String
    /// The release metadata file used, null when none.
    public let mapping: String?
    /// What was wrong with the release metadata, null when nothing.
    public let mappingProblem: String?
    /// The running module's version, null when unreadable.
    public let runningVersion: String?
    /// The P-SEAMLDR version, null when unreadable.
    public let seamldrVersion: String?
    /// The host CPUs' distinct CPUID.1.EAX values ("0x806F8").
    public let cpuid: [String]
    /// Host files that could not be read or made no sense, each naming its file.
    public let hostProblems: [String]
    /// The version `update` would install, null when none.
    public let selected: String?
    /// Every image, newest first.
    public let images: [Image]
    /// Entries of the folder passed over (links, FIFOs, devices, mount points, ...).
    public let skipped: [Skipped]
    /// The search stopped at its entry limit (10,000): the folder holds more.
    public let stoppedAtEntryLimit: Bool

    enum CodingKeys: String, CodingKey {
        case mapping, cpuid, selected, images, skipped
        case stoppedAtEntryLimit = "stopped_at_entry_limit"
        case imagesDirectory = "images_directory"
        case mappingProblem = "mapping_problem"
        case runningVersion = "running_version"
        case seamldrVersion = "seamldr_version"
        case hostProblems = "host_problems"
    }

    /// Encodes every key, absent values as null, so consumers always see the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(imagesDirectory, forKey: .imagesDirectory)
        try container.encode(mapping, forKey: .mapping)
        try container.encode(mappingProblem, forKey: .mappingProblem)
        try container.encode(runningVersion, forKey: .runningVersion)
        try container.encode(seamldrVersion, forKey: .seamldrVersion)
        try container.encode(cpuid, forKey: .cpuid)
        try container.encode(hostProblems, forKey: .hostProblems)
        try container.encode(selected, forKey: .selected)
        try container.encode(images, forKey: .images)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(stoppedAtEntryLimit, forKey: .stoppedAtEntryLimit)
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
        hostProblems = status.problems
        selected = assessments.first(where: \.selected)?.version?.description
        images = assessments.map(Image.init)
        skipped = catalog.skipped.map(Skipped.init)
        stoppedAtEntryLimit = catalog.stoppedAtEntryLimit
    }

    /// The report as a table for a terminal: one row per image, reasons indented below.
    public var lines: [String] {
        var lines: [String] = []
        lines.append(
            "host: module \(runningVersion ?? "unknown"), P-SEAMLDR \(seamldrVersion ?? "unknown"), CPUID \(cpuid.isEmpty ? "unknown" : cpuid.joined(separator: ", "))"
        )
        lines += hostProblems.map { "host: \($0)" }
        if let mappingProblem { lines.append("release metadata: \(mappingProblem)") }
        if mapping == nil { lines.append("release metadata: no mapping_file.json (give one with --mapping)") }
        let shown = skipped.filter(\.worthALine)
        var notes = shown.map { "skipped \($0.path): \($0.reason)" }
        if shown.count < skipped.count {
            notes.append(
                "skipped \(skipped.count - shown.count) other entries (links, deeper folders, other file systems); "
                    + "--json lists them")
        }
        if stoppedAtEntryLimit {
            notes.append("search stopped at its entry limit; name the folder that holds the images with --images")
        }
        if images.isEmpty {
            lines.append("no module images found in \(imagesDirectory)")
            return lines + notes
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
        return lines + notes
    }

    private func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
}
