extension ModuleVersion {
    /// "major.minor" (e.g. "1.5"): the series within which TD-preserving updates are allowed.
    public var series: String { "\(major).\(minor)" }

    /// Whether `other` has the same major and minor version (the same series).
    public func isSameSeries(as other: ModuleVersion) -> Bool {
        major == other.major && minor == other.minor
    }
}
