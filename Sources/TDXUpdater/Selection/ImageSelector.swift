import TDXImage

/// Labels images for a host and picks the one `update` installs: the newest image that
/// is verified, whose version label agrees with its signed facts, compatible with every CPU
/// and the P-SEAMLDR, TD-preserving capable, allowed (debug), newer than the running module
/// and not signed with a lower SVN than it. An ineligible newer image does not
/// stop the search; the next one down is considered.
public enum ImageSelector {
    /// Judges one image on the host described by `context` (never marks it selected).
    public static func assess(_ candidate: ImageCandidate, in context: SelectionContext) -> ImageAssessment {
        guard let facts = candidate.facts else {
            return ImageAssessment(
                candidate: candidate, compatible: false, tdPreservingCapable: false, current: false, selected: false,
                reasons: [.unreadable(candidate.loadProblem?.description ?? "not a TDX module image")])
        }
        var reasons: [NotSelectableReason] = []
        if let verification = candidate.verification, !verification.allPassed {
            reasons.append(.verificationFailed(verification.failureDescriptions))
        }
        reasons += candidate.claimConflicts.map(NotSelectableReason.versionClaimContradicted)
        let release = candidate.release
        if release == nil { reasons.append(.noReleaseMetadata(facts.version)) }

        var cpusAccepted = false
        switch context.cpuSignatures {
        case .value(let signatures):
            let supported = Set(facts.supportedCPUs)
            let unsupported = Array(Set(signatures.filter { !supported.contains($0.withoutStepping) })).sorted()
            if signatures.isEmpty {
                reasons.append(.cpusUnknown("no CPU listed in /proc/cpuinfo"))
            } else if unsupported.isEmpty {
                cpusAccepted = true
            } else {
                reasons.append(.cpuNotSupported(unsupported: unsupported, supported: facts.supportedCPUs.sorted()))
            }
        default:
            reasons.append(.cpusUnknown(context.cpuSignatures.problem ?? "unreadable"))
        }

        var loaderAccepted = false
        if let release {
            switch context.seamldrVersion {
            case .value(let loader):
                loaderAccepted = release.isCompatible(withSeamldr: loader)
                if !loaderAccepted {
                    reasons.append(.seamldrIncompatible(loader: loader, accepted: release.minimumSeamldrVersions))
                }
            default:
                reasons.append(.seamldrUnknown(context.seamldrVersion.problem ?? "unreadable"))
            }
        }

        var capable = false
        var current = false
        switch context.runningVersion {
        case .value(let running):
            current = facts.version == running
            if !facts.version.isSameSeries(as: running) {
                reasons.append(.differentSeries(running: running))
            } else if facts.version < running {
                reasons.append(.olderThanRunning(running: running))
            } else if let release, running < release.minimumVersionForTDPreserving {
                reasons.append(.runningBelowMinimum(running: running, minimum: release.minimumVersionForTDPreserving))
            }
            // Intel's published SVN of the running release compares only with Intel's signature.
            if let verification = candidate.verification, verification.signatureValid,
                verification.keyFingerprint == .intelProduction,
                let runningRelease = VersionClaimCheck.downgrade(from: running, toSVN: facts.svn)
            {
                reasons.append(.downgrade(running: runningRelease, svn: facts.svn))
            }
            capable = release?.isTDPreservingCapable(from: running) ?? false
            if current { reasons.append(.sameAsRunning) }
        default:
            reasons.append(.runningVersionUnknown(context.runningVersion.problem ?? "unreadable"))
        }

        if facts.isDebug && !context.allowDebug { reasons.append(.debugNotAllowed) }

        return ImageAssessment(
            candidate: candidate, compatible: release != nil && cpusAccepted && loaderAccepted,
            tdPreservingCapable: capable, current: current, selected: false, reasons: reasons)
    }

    /// Judges every image and marks the one `update` would pick. The result is sorted
    /// newest first (unreadable images last, then by path).
    public static func assessAll(_ candidates: [ImageCandidate], in context: SelectionContext) -> [ImageAssessment] {
        let assessed = candidates.map { assess($0, in: context) }.sorted(by: preference)
        guard let chosen = assessed.filter(\.eligible).min(by: preference) else { return assessed }
        return assessed.map { assessment in
            if assessment.candidate.path == chosen.candidate.path { return assessment.with(selected: true) }
            if assessment.eligible && assessment.version == chosen.version {
                return assessment.with(selected: false, extraReason: .duplicateOf(path: chosen.candidate.path))
            }
            return assessment
        }
    }

    /// The preferred image of the given `version` for an explicit `update VERSION`, nil
    /// when none has that version: an eligible one if any (ignoring `sameAsRunning` when
    /// `force`), else the first, v2 before v1.
    public static func named(
        _ version: ModuleVersion, among assessments: [ImageAssessment], force: Bool
    ) -> ImageAssessment? {
        let matching = assessments.filter { $0.version == version }.sorted(by: preference)
        return matching.first { blockingReasons($0, force: force).isEmpty } ?? matching.first
    }

    /// The reasons that stop `update` from installing `assessment` when named explicitly.
    public static func blockingReasons(_ assessment: ImageAssessment, force: Bool) -> [NotSelectableReason] {
        assessment.reasons.filter { reason in
            switch reason {
            case .sameAsRunning: return !force
            case .duplicateOf: return false
            default: return true
            }
        }
    }

    /// Newest first; among equal versions a v2 image (no conversion) first, then by path.
    static func preference(_ lhs: ImageAssessment, _ rhs: ImageAssessment) -> Bool {
        switch (lhs.version, rhs.version) {
        case (let left?, let right?) where left != right: return left > right
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            if lhs.candidate.format != rhs.candidate.format { return lhs.candidate.format == .v2 }
            return lhs.candidate.path < rhs.candidate.path
        }
    }
}
