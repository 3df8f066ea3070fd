/// One entry of `tdx_module_releases` in Intel's `mapping_file.json`: what a released
/// TDX module needs from the host it is loaded on.
public struct ModuleRelease: Hashable, Sendable {
    /// The release's version ("version").
    public let version: ModuleVersion
    /// The oldest running module that can be updated to this release while TDs keep
    /// running ("min_module_version_for_td_preserving").
    public let minimumVersionForTDPreserving: ModuleVersion
    /// P-SEAMLDR versions this release works with ("min_seamldr_versions"): a loader is
    /// compatible when one entry has its major.minor and an update number not above the
    /// loader's.
    public let minimumSeamldrVersions: [ModuleVersion]
    /// The release's TDX_FEATURES0 bits ("tdx_feature0", a hex string in the file).
    public let tdxFeatures0: UInt64

    /// A release record from its fields.
    public init(
        version: ModuleVersion, minimumVersionForTDPreserving: ModuleVersion,
        minimumSeamldrVersions: [ModuleVersion], tdxFeatures0: UInt64
    ) {
        self.version = version
        self.minimumVersionForTDPreserving = minimumVersionForTDPreserving
        self.minimumSeamldrVersions = minimumSeamldrVersions
        self.tdxFeatures0 = tdxFeatures0
    }

    /// Whether this release can be loaded by P-SEAMLDR `loader`: some minimum in
    /// `minimumSeamldrVersions` has the loader's major.minor and an update number not
    /// above the loader's (the rule of Intel's `is_compatible_with_seamldr`).
    public func isCompatible(withSeamldr loader: ModuleVersion) -> Bool {
        minimumSeamldrVersions.contains { $0.isSameSeries(as: loader) && $0.update <= loader.update }
    }

    /// Whether a module running `running` can be replaced by this release without losing
    /// TDs: same major.minor, this release not older than the running one, and the running
    /// one not older than `minimumVersionForTDPreserving` (compared as whole versions).
    /// An equal version counts as capable here, as in Intel's script; refusing a
    /// same-version reinstall is the updater's separate decision.
    public func isTDPreservingCapable(from running: ModuleVersion) -> Bool {
        version.isSameSeries(as: running) && version >= running
            && running >= minimumVersionForTDPreserving
    }
}
