/// One release Intel published, as its signed sigstruct describes it.
public struct PublishedRelease: Sendable, Hashable, CustomStringConvertible {
    /// The release's version ("1.5.16").
    public let version: ModuleVersion
    /// `seamsvn` as signed (major SVN high byte, minor SVN low byte).
    public let svn: UInt16
    /// The sigstruct's build `date`.
    public let buildDate: BCDDate
    /// SHA-384 of the 2048-byte signed sigstruct: identifies the release exactly.
    public let sigstructSHA384: [UInt8]
    /// SHA-384 of the module pages (the sigstruct's seamhash).
    public let moduleSHA384: [UInt8]
    /// CPUID.1.EAX values the sigstruct lists.
    public let cpuidTable: [UInt32]
    /// Size of the published v1 blob.
    public let blobBytes: Int

    /// A release row; the digests are given as 96 hexadecimal digits.
    init(
        version: ModuleVersion, svn: UInt16, buildDate: BCDDate, sigstructSHA384: String, moduleSHA384: String,
        cpuidTable: [UInt32], blobBytes: Int
    ) {
        self.version = version
        self.svn = svn
        self.buildDate = buildDate
        self.sigstructSHA384 = hexBytes(sigstructSHA384)
        self.moduleSHA384 = hexBytes(moduleSHA384)
        self.cpuidTable = cpuidTable
        self.blobBytes = blobBytes
    }

    /// "Intel's 1.5.01 (SVN 0x0104, 2023-10-08)".
    public var description: String {
        "Intel's \(version) (SVN \(svnText(svn)), \(buildDate))"
    }
}

/// `seamsvn` as four hexadecimal digits, "0x010B".
public func svnText(_ svn: UInt16) -> String {
    let digits = String(svn, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// The bytes of an even-length string of hexadecimal digits (a table constant).
private func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    precondition(digits.count % 2 == 0, "odd number of hex digits in a release table constant")
    return stride(from: 0, to: digits.count, by: 2).map { index in
        UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16)!
    }
}
