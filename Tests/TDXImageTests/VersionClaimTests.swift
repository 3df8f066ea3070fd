import Foundation
import Testing

@testable import TDXImage

@Suite("Version labels are claims, checked against the signed SVN and build date")
struct VersionClaimTests {
    @Test("the published table: eleven releases, in version order, SVN and date agree within each series")
    func table() {
        let all = PublishedReleases.all
        #expect(all.count == 11)
        #expect(all.map(\.version) == all.map(\.version).sorted())
        #expect(Set(all.map(\.sigstructSHA384)).count == 11)
        #expect(all.allSatisfy { $0.sigstructSHA384.count == 48 && $0.moduleSHA384.count == 48 })
        let claims = all.map { claim($0.version.description, svn: $0.svn, date: $0.buildDate.rawValue) }
        let conflicts = VersionClaimCheck.conflicts(among: claims).flatMap { $0 }
        #expect(conflicts.isEmpty)
        #expect(PublishedReleases.release(for: version("1.5.01"))?.svn == 0x0104)
        #expect(PublishedReleases.release(for: version("1.5.16"))?.svn == 0x010B)
        #expect(PublishedReleases.release(for: version("1.5.16"))?.buildDate.description == "2025-02-19")
        #expect(PublishedReleases.release(for: version("1.5.02")) == nil)
    }

    @Test(
        "the table matches the published blobs byte for byte", .enabled(if: IntelBinaries.available))
    func tableMatchesBlobs() throws {
        for blob in IntelBinaries.blobs {
            let image = try ModuleImage(contentsOf: blob.path)
            let claim = try #require(
                VersionClaim(path: blob.path, sigstruct: image.sigstruct, signatureValid: true))
            let row = try #require(PublishedReleases.release(for: claim.version), "\(blob.lastPathComponent)")
            #expect(claim.publishedIdentity == row)
            #expect(claim.confirmed)
            #expect(row.svn == image.sigstruct.svn)
            #expect(row.buildDate == image.sigstruct.date)
            #expect(row.moduleSHA384[...] == image.sigstruct.seamHash)
            #expect(row.blobBytes == image.length)
            #expect(row.cpuidTable == image.sigstruct.cpuidTable)
            #expect(VersionClaimCheck.conflicts(of: claim).isEmpty)
        }
    }

    @Test(
        "Intel's 1.5.01 copied to tdx_module_1.5.16.blob is refused, both sides named",
        .enabled(if: IntelBinaries.blobs.contains { $0.lastPathComponent == "tdx_module_1.5.01.blob" }))
    func renamedRelease() throws {
        let original = try #require(IntelBinaries.blobs.first { $0.lastPathComponent == "tdx_module_1.5.01.blob" })
        let image = try ModuleImage(contentsOf: original.path)
        #expect(image.verify(trusting: .intel).allPassed)
        let path = "/images/tdx_module_1.5.16.blob"
        let claim = try #require(VersionClaim(path: path, sigstruct: image.sigstruct, signatureValid: true))
        #expect(claim.version == ModuleVersion("1.5.16"))
        #expect(!claim.confirmed)
        let conflicts = VersionClaimCheck.conflicts(of: claim)
        #expect(conflicts.map(\.code) == ["contradicts_published_release"])
        let message = try #require(conflicts.first).description
        #expect(message.contains(path))
        #expect(message.contains("claims 1.5.16 (SVN 0x010B, 2025-02-19) but is signed SVN 0x0104, 2023-10-08"))
        #expect(message.contains("it is Intel's 1.5.01"))

        // Renamed to a version Intel never published: still identified by its sigstruct.
        let unpublished = try #require(
            VersionClaim(path: "/x/tdx_module_1.5.40.blob", sigstruct: image.sigstruct, signatureValid: true))
        #expect(
            VersionClaimCheck.conflicts(of: unpublished).first?.description.contains("1.5.40, which Intel has not")
                == true)
    }

    @Test("an Intel-signed claim of a published version with other signed facts is refused")
    func intelSignedFactsDiffer() {
        let fake = claim("1.5.08", svn: 0x0107, date: 0x2024_0725, intel: true, sigstruct: [1, 2, 3])
        let conflicts = VersionClaimCheck.conflicts(of: fake)
        #expect(conflicts.map(\.code) == ["contradicts_published_release"])
        #expect(conflicts.first?.description.contains("not the one Intel published for 1.5.08") == true)
        // An unpublished Intel-signed version is held to the published order instead.
        let newer = claim("1.5.20", svn: 0x0106, date: 0x2025_0301, intel: true, sigstruct: [4])
        let order = VersionClaimCheck.conflicts(among: [newer])[0]
        #expect(!order.isEmpty)
        #expect(order.allSatisfy { $0.code == "contradicts_version_order" })
        #expect(order.first?.description.contains("as Intel published it") == true)
    }

    @Test("the name and the version the sigstruct records must agree")
    func nameVersusSigstruct() throws {
        let image = try Fixtures.signer.makeImage(version: version("1.5.09"), modulePages: 1)
        let renamed = try #require(
            VersionClaim(path: "/a/tdx_module_1.5.16.img", sigstruct: image.sigstruct, signatureValid: true))
        #expect(
            VersionClaimCheck.conflicts(of: renamed)
                == [
                    .nameDiffersFromSigstruct(
                        path: "/a/tdx_module_1.5.16.img", named: version("1.5.16"), recorded: version("1.5.09"))
                ])
        let unnamed = try #require(
            VersionClaim(path: "/a/update.img", sigstruct: image.sigstruct, signatureValid: true))
        #expect(unnamed.source == .sigstruct)
        #expect(VersionClaimCheck.conflicts(of: unnamed).isEmpty)
    }

    /// (claims as version/SVN/date, the indices expected to be refused)
    static let orderCases: [([(String, UInt16, UInt32)], [Int])] = [
        ([("1.5.06", 0x0106, 0x2024_0407), ("1.5.08", 0x0107, 0x2024_0725)], []),
        ([("2.0.04", 0x0304, 0x2025_0109), ("2.0.05", 0x0304, 0x2025_0123)], []),  // equal SVN is allowed
        ([("1.5.06", 0x0106, 0x2024_0407), ("1.5.16", 0x0104, 0x2025_0219)], [0, 1]),  // lower SVN
        ([("1.5.06", 0x0106, 0x2024_0407), ("1.5.16", 0x010B, 0x2023_1008)], [0, 1]),  // earlier date
        ([("1.5.08", 0x0107, 0x2024_0725), ("1.5.08", 0x0108, 0x2024_0725)], [0, 1]),  // one version, two SVNs
        ([("1.5.16", 0x010B, 0x2025_0219), ("2.0.02", 0x0303, 0x2024_0814)], []),  // other series: not compared
    ]

    @Test("across a catalog: version order = SVN order = date order", arguments: orderCases)
    func order(_ claims: [(String, UInt16, UInt32)], _ refused: [Int]) {
        let found = VersionClaimCheck.conflicts(among: claims.map { claim($0.0, svn: $0.1, date: $0.2) })
        #expect(found.indices.filter { !found[$0].isEmpty } == refused)
        for index in refused {
            let other = claims[1 - index]
            #expect(found[index].first?.description.contains("\(other.0) (SVN") == true)
        }
    }

    @Test(
        "against a confirmed release only the unconfirmed claim is refused",
        .enabled(if: IntelBinaries.blobs.contains { $0.lastPathComponent == "tdx_module_1.5.08.blob" }))
    func confirmedWins() throws {
        let blob = try #require(IntelBinaries.blobs.first { $0.lastPathComponent == "tdx_module_1.5.08.blob" })
        let image = try ModuleImage(contentsOf: blob.path)
        let genuine = try #require(VersionClaim(path: blob.path, sigstruct: image.sigstruct, signatureValid: true))
        let liar = claim("1.5.09", svn: 0x0105, date: 0x2024_0101)
        let found = VersionClaimCheck.conflicts(among: [genuine, liar])
        #expect(found[0].isEmpty)
        #expect(found[1].map(\.code) == ["contradicts_version_order"])
    }

    @Test("a lower SVN than the running published release is a downgrade")
    func downgrade() {
        #expect(VersionClaimCheck.downgrade(from: version("1.5.08"), toSVN: 0x0104)?.svn == 0x0107)
        #expect(VersionClaimCheck.downgrade(from: version("1.5.08"), toSVN: 0x0107) == nil)
        #expect(VersionClaimCheck.downgrade(from: version("2.0.04"), toSVN: 0x0304) == nil)
        #expect(VersionClaimCheck.downgrade(from: version("1.5.30"), toSVN: 0x0001) == nil)  // unknown release
    }
}

private func version(_ text: String) -> ModuleVersion { ModuleVersion(text)! }

/// A claim with test-key facts (not Intel-signed).
private func claim(
    _ version: String, svn: UInt16, date: UInt32, path: String? = nil, intel: Bool = false,
    sigstruct: [UInt8] = []
) -> VersionClaim {
    VersionClaim(
        path: path ?? "/images/tdx_module_\(version).blob", version: ModuleVersion(version)!, source: .fileName,
        recordedVersion: nil, svn: svn, date: BCDDate(rawValue: date), sigstructSHA384: sigstruct,
        intelSigned: intel)
}
