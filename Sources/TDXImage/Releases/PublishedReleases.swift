/// Intel's published TDX module releases, as facts read from the signed sigstruct of each
/// release's `joined_files` blob in Intel's repository
/// intel/confidential-computing.tdx.tdx-module.binaries (at commit 7a16224): the SEAM SVN
/// and build date the release is signed with, and the SHA-384 of its 2048-byte sigstruct and
/// of its module pages.
///
/// A file's name or `mapping_file.json` only claims a version; these are what Intel's
/// signature vouches for, so a claim can be checked (``VersionClaimCheck``). Add a row when
/// Intel publishes a release: the values are public and read with `tdxctl inspect --json`
/// (`svn`, `date`) and `sha384sum` of the sigstruct (`tdxctl` never trusts a row it cannot
/// verify: an image matches a row only by the SHA-384 of its signed sigstruct).
public enum PublishedReleases {
    /// Every release, oldest version first.
    public static let all: [PublishedRelease] = [
        PublishedRelease(
            version: ModuleVersion(major: 1, minor: 5, update: 1),
            svn: 0x0104, buildDate: BCDDate(rawValue: 0x2023_1008),
            sigstructSHA384:
                "e26d1829321a480d909a438b28fad6a818f42f5a2bd88da10ace6e4f3ab22ba601219c34da14b7a8fa0669011798eee8",
            moduleSHA384:
                "9790d89a10210ec6968a773cee2ca05b5aa97309f36727a968527be4606fc19e6f73acce350946c9d46a9bf7a63f8430",
            cpuidTable: [0x806F8, 0xC06F0], blobBytes: 425984),
        PublishedRelease(
            version: ModuleVersion(major: 1, minor: 5, update: 5),
            svn: 0x0105, buildDate: BCDDate(rawValue: 0x2024_0129),
            sigstructSHA384:
                "a210ed64339a4bf355f6f0b27d0be5965fcf35065a819122c55298b1259433dcebec22451a164bcc028ca1f7e20e353d",
            moduleSHA384:
                "1cc6a17ab799e9a693fac7536be61c12ee1e0fabada82d0c999e08ccee2aa86de77b0870f558c570e7ffe55d6d47fa04",
            cpuidTable: [0x806F8, 0xC06F0, 0xA06F0], blobBytes: 425984),
        PublishedRelease(
            version: ModuleVersion(major: 1, minor: 5, update: 6),
            svn: 0x0106, buildDate: BCDDate(rawValue: 0x2024_0407),
            sigstructSHA384:
                "8caa6cf5122432581e3ba3e727346dcc5343cb3a29bed18798e9dec0395c3d4e11f1db60b84204ef7ab978cbd0d68a0c",
            moduleSHA384:
                "5b38e33a6487958b72c3c12a938eaa5e3fd4510c51aeeab58c7d5ecee41d7c436489d6c8e4f92f160b7cad34207b00c1",
            cpuidTable: [0x806F8, 0xC06F0, 0xA06F0], blobBytes: 421888),
        PublishedRelease(
            version: ModuleVersion(major: 1, minor: 5, update: 8),
            svn: 0x0107, buildDate: BCDDate(rawValue: 0x2024_0725),
            sigstructSHA384:
                "9ec1d27c80a31ad3ca929c9dda7b1a41ed1731e70048dbb72ae3d2022a9ac6dfe7da5c8fc7036cb53274633995b5120e",
            moduleSHA384:
                "49b66faa451d19ebbdbe89371b8daf2b65aa3984ec90110343e9e2eec116af08850fa20e3b1aa9a874d77a65380ee7e6",
            cpuidTable: [0x806F8, 0xC06F0, 0xA06F0], blobBytes: 421888),
        PublishedRelease(
            version: ModuleVersion(major: 1, minor: 5, update: 9),
            svn: 0x0108, buildDate: BCDDate(rawValue: 0x2024_0912),
            sigstructSHA384:
                "9a6c4042b3ee3de2ca019b748391dd061d73312f8353a33005fdf1c656fbf6ea28e466b77cb6bfb0bc99ba89bc11f4eb",
            moduleSHA384:
                "bfb360ac8e6233a1bca1433caf7382d95c165b4a77fb00bf1435e5a08f300cdfead5ee68461afd9b6c728dce7534602d",
            cpuidTable: [0x806F8, 0xC06F0, 0xA06F0], blobBytes: 454656),
        PublishedRelease(
            version: ModuleVersion(major: 1, minor: 5, update: 13),
            svn: 0x010A, buildDate: BCDDate(rawValue: 0x2025_0207),
            sigstructSHA384:
                "6baf07d0ee1858f29c03e7b47c3c871f11040d2a18865c4d1576f7637e1f3ed2d2a4213fa1860f977dd00b4cce7c1179",
            moduleSHA384:
                "27b67e0b20508f0acfb8a99df4283a7c86ae569d85d556a91d4eb20e56b5d42d5e65b31a3a6996e8e461f104f32fdeec",
            cpuidTable: [0x806F8, 0xC06F0, 0xA06F0], blobBytes: 454656),
        PublishedRelease(
            version: ModuleVersion(major: 1, minor: 5, update: 16),
            svn: 0x010B, buildDate: BCDDate(rawValue: 0x2025_0219),
            sigstructSHA384:
                "f5728024cfbdce7cafc184e66ff5eff07286fc07d1e66617d91595eadd3b11801052318deeaefeedf0d75911ec66dd23",
            moduleSHA384:
                "7bf063280e94fb051f5dd7b1fc59ce9aac42bb961df8d44b709c9b0ff87a7b4df648657ba6d1189589feab1d5a3c9a9d",
            cpuidTable: [0x806F8, 0xC06F0, 0xA06F0], blobBytes: 479232),
        PublishedRelease(
            version: ModuleVersion(major: 2, minor: 0, update: 2),
            svn: 0x0303, buildDate: BCDDate(rawValue: 0x2024_0814),
            sigstructSHA384:
                "a601c7b683b59830706d4b4e72f308abec65d4ce8463d5afe55e529803b0b605796e732a66b8dbcdf532c2403d218dd6",
            moduleSHA384:
                "685f891ea5c20e8fa27b151bf34bf3b50fbaf7143cc53662727cbdb167c0ad8385f1f6f3571539a91e104a1c96d75e04",
            cpuidTable: [0xA06D0], blobBytes: 544768),
        PublishedRelease(
            version: ModuleVersion(major: 2, minor: 0, update: 4),
            svn: 0x0304, buildDate: BCDDate(rawValue: 0x2025_0109),
            sigstructSHA384:
                "0d9611214aa97aafd5ea34f3cb6ccc4442fc668df194b733f0e0081f46e815e569f037f1f582e50f97f4d02fe629a6f2",
            moduleSHA384:
                "64cae497e0c6221176fe8d3bc9d0cf25b4c97bb24cc16499f77102451f15bb24249f1aa3e5d3bf8897be74ad6c84e648",
            cpuidTable: [0xA06D0, 0xA06E0], blobBytes: 557056),
        PublishedRelease(
            version: ModuleVersion(major: 2, minor: 0, update: 5),
            svn: 0x0304, buildDate: BCDDate(rawValue: 0x2025_0123),
            sigstructSHA384:
                "a4c7276b36c72ce14add8a0e0bf579ea5c59389558a7cbd073c04bf4aafb48fe66f2afc138fa7867183b853fac2d6c96",
            moduleSHA384:
                "6f65e570e3bc418d2576f31aada40f7f7ce1ea810f964aa9bc70066a89ac1fc6e0d6b76d3f86a16405172b2c3e078528",
            cpuidTable: [0xA06D0, 0xA06E0], blobBytes: 557056),
        PublishedRelease(
            version: ModuleVersion(major: 2, minor: 0, update: 8),
            svn: 0x0305, buildDate: BCDDate(rawValue: 0x2025_0325),
            sigstructSHA384:
                "8a10756ac1240faf29a2b6a03461bebb9139a1247f036f16fc4ebbf13cdc53329b9723ded28fc783863f9944b470c021",
            moduleSHA384:
                "476a2997c62bccc78370913d0a80b956e3721b24272bc66c4d6307ced4be2865c40e26afac75f12df3425b03eb59ea7c",
            cpuidTable: [0xA06D0, 0xA06E0], blobBytes: 606208),
    ]

    /// The release of `version`, nil when Intel published none (as far as this table knows).
    public static func release(for version: ModuleVersion) -> PublishedRelease? {
        all.first { $0.version == version }
    }

    /// The release whose signed sigstruct has this SHA-384, nil when none.
    public static func release(sigstructSHA384 digest: [UInt8]) -> PublishedRelease? {
        all.first { $0.sigstructSHA384 == digest }
    }
}
