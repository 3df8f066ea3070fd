/// Why an image's version label cannot be believed: the label and the signed facts disagree.
/// Each case names both sides.
public enum VersionClaimConflict: Sendable, Hashable, CustomStringConvertible {
    /// The file name says one version, the sigstruct records another.
    case nameDiffersFromSigstruct(path: String, named: ModuleVersion, recorded: ModuleVersion)
    /// An Intel-signed image whose signed sigstruct is not what Intel published for the
    /// version it claims. `published` is Intel's row for the claimed version (nil when
    /// Intel published none); `actually` is the release the image really is, when known.
    case contradictsPublishedRelease(
        path: String, claimed: ModuleVersion, signedSVN: UInt16, signedDate: BCDDate, published: PublishedRelease?,
        actually: PublishedRelease?)
    /// Two claims whose version order contradicts their SVN or date order (within one
    /// major.minor series), or one version signed with two different SVNs or dates.
    case contradictsOrder(ClaimedFacts, other: ClaimedFacts)

    /// A stable snake_case identifier.
    public var code: String {
        switch self {
        case .nameDiffersFromSigstruct: return "name_differs_from_sigstruct"
        case .contradictsPublishedRelease: return "contradicts_published_release"
        case .contradictsOrder: return "contradicts_version_order"
        }
    }

    public var description: String {
        switch self {
        case .nameDiffersFromSigstruct(let path, let named, let recorded):
            return "\(path) is named \(named) but its sigstruct records \(recorded)"
        case .contradictsPublishedRelease(let path, let claimed, let svn, let date, let published, let actually):
            let claim =
                published.map { "claims \(claimed) (SVN \(svnText($0.svn)), \($0.buildDate))" }
                ?? "claims \(claimed), which Intel has not published,"
            let signed =
                published.map { $0.svn == svn && $0.buildDate == date } == true
                ? "but its signed sigstruct is not the one Intel published for \(claimed)"
                : "but is signed SVN \(svnText(svn)), \(date)"
            let identity = actually.map { ": it is \($0)" } ?? ""
            return "\(path) \(claim) \(signed)\(identity)"
        case .contradictsOrder(let claim, let other):
            let relation =
                claim.version == other.version
                ? "the same version cannot be signed with two SVNs or dates"
                : "a newer version cannot have a lower SVN or an earlier build date"
            return "\(claim) contradicts \(other): \(relation)"
        }
    }
}
