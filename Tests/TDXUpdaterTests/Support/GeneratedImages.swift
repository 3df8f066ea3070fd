import Foundation
import Synchronization
import TDXImage

@testable import TDXUpdater

/// Test-signed images written to a temporary folder, in Intel's repository layout or flat.
final class GeneratedImageFolder {
    let path: String
    static let signer = TestImageSigner()
    /// Signed images by (version, format, debug, CPU table): RSA signing in a debug build is
    /// the slowest part of these tests, so each distinct image is signed once per run.
    private static let cache = Mutex<[String: [UInt8]]>([:])

    static func signedImage(version: ModuleVersion, format: ImageFormat, debug: Bool, cpuidTable: [UInt32]) throws
        -> [UInt8]
    {
        let key = "\(version)-\(format)-\(debug)-\(cpuidTable)"
        if let bytes = cache.withLock({ $0[key] }) { return bytes }
        // A published version is signed with the SVN and date Intel signed it with, so the
        // version-claim and downgrade checks see realistic facts.
        let published = PublishedReleases.release(for: version)
        let bytes = try signer.makeImage(
            version: version, svn: published?.svn, cpuidTable: cpuidTable, debug: debug,
            date: published?.buildDate ?? BCDDate(year: 2025, month: 1, day: 1), modulePages: 1, format: format
        ).bytes
        cache.withLock { $0[key] = bytes }
        return bytes
    }

    /// Writes one image per entry; `layout` decides where.
    init(
        versions: [String], format: ImageFormat = .v1, intelLayout: Bool = true, debug: Set<String> = [],
        cpuidTable: ((ModuleVersion) -> [UInt32])? = nil, mapping: ReleaseMapping? = IntelReleases.mapping
    ) throws {
        path = try TemporaryFolder.make(prefix: "tdx-images")
        let folder = intelLayout ? path + "/joined_files" : path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for text in versions {
            let version = ModuleVersion(text)!
            let table = cpuidTable?(version) ?? IntelReleases.cpuidTable(for: version)
            let bytes = try Self.signedImage(
                version: version, format: format, debug: debug.contains(text),
                cpuidTable: table.isEmpty ? [0x806F8] : table)
            let name = "tdx_module_\(text)." + (format == .v1 ? "blob" : "img")
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        if let mapping {
            try Data(mapping.jsonBytes()).write(to: URL(fileURLWithPath: path + "/mapping_file.json"))
        }
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + name))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
