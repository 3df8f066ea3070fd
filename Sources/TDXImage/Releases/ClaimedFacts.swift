/// A version with the SVN and date it is signed with, and whose claim it is.
public struct ClaimedFacts: Sendable, Hashable, CustomStringConvertible {
    /// Whose facts these are.
    public enum Origin: Sendable, Hashable {
        /// An image file.
        case image(String)
        /// A row of ``PublishedReleases``.
        case published
    }

    /// The claimed version.
    public let version: ModuleVersion
    /// The signed SVN.
    public let svn: UInt16
    /// The signed build date.
    public let date: BCDDate
    /// Whose they are.
    public let origin: Origin

    /// "1.5.16 (SVN 0x010B, 2025-02-19) in PATH" or "... as Intel published it".
    public var description: String {
        let whose: String
        switch origin {
        case .image(let path): whose = "in \(path)"
        case .published: whose = "as Intel published it"
        }
        return "\(version) (SVN \(svnText(svn)), \(date)) \(whose)"
    }
}
