import TDXImage

extension ModuleUpdater {
    /// Picks the image: the named version, or the newest eligible one. Records the target,
    /// the passed-over images and the verification, compatibility and TD-preserving checks.
    func choose(
        _ request: UpdateRequest, catalog: ImageCatalog, status: HostStatus, running: ModuleVersion,
        into report: inout UpdateReport
    ) throws(UpdateStop) -> ImageAssessment {
        let context = SelectionContext(status: status, allowDebug: request.allowDebug)
        let assessments = ImageSelector.assessAll(catalog.candidates, in: context)
        for assessment in assessments {
            let verdict =
                assessment.selected
                ? "eligible" : assessment.reasons.map(\.code).joined(separator: ", ")
            logger.debug(
                "image \(assessment.candidate.path) (\(assessment.version.map(\.description) ?? "version unknown")): \(verdict)"
            )
        }
        let chosen =
            if let wanted = request.version {
                try named(wanted, among: assessments, force: request.force, into: &report)
            } else {
                try newestEligible(among: assessments, running: running, into: &report)
            }
        guard chosen.candidate.summary != nil, let target = chosen.version else {
            throw .error(.imageUnreadable(path: chosen.candidate.path))
        }
        report.target = target
        report.imagePath = chosen.candidate.path
        guard let verification = chosen.candidate.verification, verification.allPassed else {
            throw .refused(
                .notEligible(
                    target, path: chosen.candidate.path,
                    reasons: [.verificationFailed(chosen.candidate.verification?.failureDescriptions ?? [])]))
        }
        report.checks.append(
            UpdateCheck(
                .imageVerified,
                "\(chosen.candidate.path): checksum, signature, module hash valid; key "
                    + "\(verification.trustedKey?.name ?? "?") trusted"))
        report.checks.append(
            UpdateCheck(
                .compatible,
                "compatible: CPUs \(status.cpuSignatures.map(\.hex).joined(separator: ", ")), "
                    + "P-SEAMLDR \(describe(status.seamldrVersion.value))"))
        report.checks.append(UpdateCheck(.tdPreserving, "TD-preserving: \(running) -> \(target)"))
        return chosen
    }

    /// The image `update` picks on its own: the first selected one (the newest eligible);
    /// the newer images passed over are recorded with their reasons.
    ///
    /// Not optimised: Swift 6.3.1's CopyPropagation pass breaks ownership in this function in
    /// release builds ("Found outside of lifetime use", the compiler aborts). It runs once per
    /// `update`; remove the attribute once `swift build -c release` passes without it.
    @_optimize(none)
    private func newestEligible(
        among assessments: [ImageAssessment], running: ModuleVersion, into report: inout UpdateReport
    ) throws(UpdateStop) -> ImageAssessment {
        if let selected = assessments.first(where: { $0.selected }) {
            let floor = selected.version ?? running
            report.skipped = assessments.filter { isNewer($0, than: floor, unknownIsNewer: false) }.map { skipped($0) }
            return selected
        }
        let newest = assessments.filter { isNewer($0, than: running, unknownIsNewer: true) }.prefix(4).map {
            skipped($0)
        }
        throw .refused(.noCandidate(running: running, newest: Array(newest)))
    }

    /// Whether the image's version is above `version`; `unknownIsNewer` decides for an image
    /// whose version is unknown.
    private func isNewer(_ assessment: ImageAssessment, than version: ModuleVersion, unknownIsNewer: Bool) -> Bool {
        assessment.version.map { $0 > version } ?? unknownIsNewer
    }

    /// The image of an explicitly requested version, refused with every blocking reason
    /// (a failed verification among them) before anything is written.
    private func named(
        _ wanted: ModuleVersion, among assessments: [ImageAssessment], force: Bool, into report: inout UpdateReport
    ) throws(UpdateStop) -> ImageAssessment {
        guard let named = ImageSelector.named(wanted, among: assessments, force: force) else {
            let available = Array(Set(assessments.compactMap(\.version))).sorted(by: >)
            throw .refused(.versionNotFound(wanted, available: available))
        }
        let blocking = ImageSelector.blockingReasons(named, force: force)
        report.target = wanted
        report.imagePath = named.candidate.path
        guard blocking.isEmpty else {
            throw .refused(.notEligible(wanted, path: named.candidate.path, reasons: blocking))
        }
        if let newest = assessments.first(where: \.selected)?.version, newest > wanted {
            report.checks.append(UpdateCheck(.newerAvailable, "note: \(newest) is newer and also eligible"))
        }
        return named
    }

    private func skipped(_ assessment: ImageAssessment) -> SkippedImage {
        SkippedImage(
            version: assessment.version, path: assessment.candidate.path,
            reason: assessment.reasons.map(\.description).joined(separator: "; "))
    }
}
