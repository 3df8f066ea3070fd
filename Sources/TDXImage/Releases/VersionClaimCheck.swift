/// Checks version labels against signed facts. A label (file name, or the version
/// `mapping_file.json` attaches rules to) is a claim; the sigstruct's SEAM SVN and build
/// date are signed. Three rules:
///
/// 1. One image: the name agrees with the version the sigstruct records; an Intel-signed
///    image claiming a published version is exactly that release (``PublishedReleases``),
///    and one claiming an unpublished version is no published release.
/// 2. Across a catalog, within a major.minor series: a newer version has an SVN and a build
///    date no lower (Intel's 2.0.04 and 2.0.05 share an SVN); one version has one SVN and
///    date. An Intel-signed image is also held to the published releases' order. When an
///    image confirmed by the table disagrees with one that is not, the unconfirmed one is
///    refused; when neither is confirmed, both are.
/// 3. Downgrade: a target signed by Intel with a lower SVN than the running module, when
///    the running version is a published release (so its SVN is known), is refused. An
///    image signed with another key is not compared: its SVNs are its signer's, not Intel's
///    (the simulator's test-key images keep one SVN per series so it can recover).
public enum VersionClaimCheck {
    /// Rule 1 for one claim.
    public static func conflicts(of claim: VersionClaim) -> [VersionClaimConflict] {
        var found: [VersionClaimConflict] = []
        if claim.source == .fileName, let recorded = claim.recordedVersion, recorded != claim.version {
            found.append(.nameDiffersFromSigstruct(path: claim.path, named: claim.version, recorded: recorded))
        }
        guard claim.intelSigned else { return found }
        let published = PublishedReleases.release(for: claim.version)
        let identity = claim.publishedIdentity
        if let identity, identity.version != claim.version {
            found.append(
                .contradictsPublishedRelease(
                    path: claim.path, claimed: claim.version, signedSVN: claim.svn, signedDate: claim.date,
                    published: published, actually: identity))
        } else if identity == nil, let published {
            found.append(
                .contradictsPublishedRelease(
                    path: claim.path, claimed: claim.version, signedSVN: claim.svn, signedDate: claim.date,
                    published: published, actually: nil))
        }
        return found
    }

    /// Rules 1 and 2 over a catalog: the conflicts of each claim, by index. A claim that
    /// breaks rule 1 is not used as a reference for the others.
    public static func conflicts(among claims: [VersionClaim]) -> [[VersionClaimConflict]] {
        var found = claims.map(conflicts(of:))
        let usable = claims.indices.filter { found[$0].isEmpty }
        for (position, first) in usable.enumerated() {
            for second in usable[(position + 1)...] {
                let a = claims[first]
                let b = claims[second]
                guard !inOrder(a.facts, b.facts) else { continue }
                if a.confirmed && b.confirmed { continue }
                if !a.confirmed { found[first].append(.contradictsOrder(a.facts, other: b.facts)) }
                if !b.confirmed { found[second].append(.contradictsOrder(b.facts, other: a.facts)) }
            }
        }
        for index in usable where claims[index].intelSigned && !claims[index].confirmed {
            let claim = claims[index]
            for release in PublishedReleases.all {
                let published = ClaimedFacts(
                    version: release.version, svn: release.svn, date: release.buildDate, origin: .published)
                if !inOrder(claim.facts, published) {
                    found[index].append(.contradictsOrder(claim.facts, other: published))
                }
            }
        }
        return found
    }

    /// Rule 3: the published release running when an image signed with `svn` would be a
    /// downgrade from it; nil when it is not, or the running version is not a published
    /// release (its SVN is then unknown).
    public static func downgrade(from running: ModuleVersion, toSVN svn: UInt16) -> PublishedRelease? {
        guard let release = PublishedReleases.release(for: running), svn < release.svn else { return nil }
        return release
    }

    /// Whether two claims can both be true: different series are not compared; the same
    /// version needs the same SVN and date; a newer version needs no lower SVN and date.
    static func inOrder(_ a: ClaimedFacts, _ b: ClaimedFacts) -> Bool {
        guard a.version.major == b.version.major, a.version.minor == b.version.minor else { return true }
        if a.version == b.version { return a.svn == b.svn && a.date == b.date }
        let (older, newer) = a.version < b.version ? (a, b) : (b, a)
        return older.svn <= newer.svn && older.date.rawValue <= newer.date.rawValue
    }
}
