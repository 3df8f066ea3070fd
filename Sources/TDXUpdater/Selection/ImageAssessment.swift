import TDXImage

/// The labels of one image on one host: what `list` shows and what `update` decides by.
public struct ImageAssessment: Sendable {
    /// The image judged.
    public let candidate: ImageCandidate
    /// The host's CPUs (all of them) and its P-SEAMLDR are accepted by the image's release.
    public let compatible: Bool
    /// Intel's rule: same major.minor as the running module, not older, and the running
    /// module not older than the release's minimum for TD-preserving updates.
    public let tdPreservingCapable: Bool
    /// The image is the running version.
    public let current: Bool
    /// Whether `update` would pick it (at most one image of a list).
    public let selected: Bool
    /// Why `update` would not pick it on its own (empty for an eligible image).
    public let reasons: [NotSelectableReason]

    /// An assessment from its parts.
    public init(
        candidate: ImageCandidate, compatible: Bool, tdPreservingCapable: Bool, current: Bool, selected: Bool,
        reasons: [NotSelectableReason]
    ) {
        self.candidate = candidate
        self.compatible = compatible
        self.tdPreservingCapable = tdPreservingCapable
        self.current = current
        self.selected = selected
        self.reasons = reasons
    }

    /// The image's version, when known.
    public var version: ModuleVersion? { candidate.facts?.version }

    /// Whether it is a debug module (false when unknown).
    public var isDebug: Bool { candidate.facts?.isDebug ?? false }

    /// Whether nothing stops `update` from picking it.
    public var eligible: Bool { reasons.isEmpty }

    /// The same assessment with `selected` and an extra reason changed.
    func with(selected: Bool, extraReason: NotSelectableReason? = nil) -> ImageAssessment {
        ImageAssessment(
            candidate: candidate, compatible: compatible, tdPreservingCapable: tdPreservingCapable, current: current,
            selected: selected, reasons: reasons + (extraReason.map { [$0] } ?? []))
    }
}
