import TDXImage

/// Module images the simulator makes itself, signed with the project's test key, so the
/// simulator runs with no files at all.
public enum BuiltinImages {
    /// The version the built-in host runs by default.
    public static let defaultFrom = ModuleVersion(major: 1, minor: 5, update: 6)
    /// The version `tdxctl simulate` updates to by default.
    public static let defaultTo = ModuleVersion(major: 1, minor: 5, update: 8)
    /// The CPU the simulated host reports (Sapphire Rapids, CPUID.1.EAX 0x806F8), which
    /// every built-in image lists.
    public static let cpuidEAX: UInt32 = 0x806F8

    /// A v2 image of `version`, handoff version 0, listing the usual server CPUs, signed
    /// with the project's test key.
    ///
    /// Unless `svn` is given, every image of one major.minor gets the same SEAM SVN
    /// (0x0100 | minor): P-SEAMLDR refuses a lower SVN, so only then can recovery go back
    /// to the previous image. Real releases that raised their SVN cannot be recovered.
    public static func image(
        version: ModuleVersion, svn: UInt16? = nil, cpuidTable: [UInt32] = [0x806F8, 0xC06F0, 0xA06F0],
        moduleHV: UInt16 = 0, minUpdateHV: UInt16 = 0
    ) throws(ImageError) -> [UInt8] {
        try TestImageSigner().makeImage(
            version: version, svn: svn ?? (0x0100 | UInt16(truncatingIfNeeded: min(max(version.minor, 0), 0xFF))),
            cpuidTable: cpuidTable, moduleHV: moduleHV, minUpdateHV: minUpdateHV, modulePages: 2
        ).bytes
    }

    /// Release metadata for built-in images of `versions`, in the form of Intel's
    /// `mapping_file.json`: like Intel's 1.5 releases, each works with P-SEAMLDR 1.5.00 and
    /// 2.0.00 and keeps TDs from any earlier module of its major.minor.
    public static func releaseMapping(versions: [ModuleVersion]) -> ReleaseMapping {
        let loaders = [ModuleVersion(major: 1, minor: 5, update: 0), ModuleVersion(major: 2, minor: 0, update: 0)]
        let releases = Set(versions).sorted().map { version in
            ModuleRelease(
                version: version,
                minimumVersionForTDPreserving: ModuleVersion(major: version.major, minor: version.minor, update: 0),
                minimumSeamldrVersions: loaders, tdxFeatures0: 0)
        }
        return ReleaseMapping(releases: releases)
    }
}
