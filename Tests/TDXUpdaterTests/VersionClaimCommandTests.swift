import Foundation
import TDXImage
import Testing

@testable import TDXUpdater

/// Intel's real releases under false names, through the real `tdxctl`.
@Suite(
    "A relabelled Intel release is refused by list, verify and update",
    .enabled(if: Tdxctl.path != nil && IntelRepository.available), .timeLimit(.minutes(3)))
struct VersionClaimCommandTests {
    /// A folder with Intel's genuine 1.5.08, Intel's 1.5.01 copied to
    /// `tdx_module_1.5.16.blob`, and Intel's mapping file.
    static func relabelledFolder() throws -> (GeneratedImageFolder, String) {
        let intel = try #require(IntelRepository.folder)
        let folder = try GeneratedImageFolder(versions: [], intelLayout: false, mapping: nil)
        for (source, name) in [
            ("joined_files/tdx_module_1.5.08.blob", "tdx_module_1.5.08.blob"),
            ("joined_files/tdx_module_1.5.01.blob", "tdx_module_1.5.16.blob"),
            ("mapping_file.json", "mapping_file.json"),
        ] {
            try folder.write(name, try ImageFile.read(intel + "/" + source, role: .image))
        }
        return (folder, "tdx_module_1.5.16.blob")
    }

    @Test("list names both sides; update refuses before writing; verify fails on the label")
    func relabelled() async throws {
        let (folder, fake) = try Self.relabelledFolder()
        let folderPath = folder.path
        var description = HostDescription()
        description.moduleVersion = "1.5.08"
        let root = try TemporaryHostRoot(description)
        let rootPath = root.path
        let claim = "claims 1.5.16 (SVN 0x010B, 2025-02-19) but is signed SVN 0x0104, 2023-10-08"

        let list = try await offPool { try Tdxctl.run(["list", "--root", rootPath, "--images", folderPath, "--json"]) }
        #expect(list.status == 0, "\(list.stderr)")
        let json = try list.json()
        let images = try #require(json["images"] as? [[String: Any]])
        let relabelled = try #require(images.first { ($0["path"] as? String)?.hasSuffix(fake) == true })
        let codes = try #require(relabelled["reason_codes"] as? [String])
        #expect(codes.contains("version_claim_contradicted"))
        #expect(codes.contains("downgrade"))
        let reasons = (relabelled["reasons"] as? [String] ?? []).joined(separator: "\n")
        #expect(reasons.contains(claim), "\(reasons)")
        #expect(reasons.contains(fake))
        #expect(relabelled["selected"] as? Bool == false)
        #expect(json["selected"] is NSNull)

        let firmware = root.path + "/sys/class/firmware/tdx_module"
        let before = try ["loading", "data"].map { try ImageFile.read(firmware + "/" + $0) }
        for arguments in [["1.5.16"], [], ["1.5.16", "--dry-run"]] {
            let update = try await offPool {
                try Tdxctl.run(
                    ["update", "--root", rootPath, "--images", folderPath, "--json"] + arguments)
            }
            #expect(update.status == 10, "\(arguments): \(update.stdout)")
            let message = try update.json()["message"] as? String ?? ""
            if arguments.first == "1.5.16" { #expect(message.contains(claim), "\(message)") }
        }
        #expect(try ["loading", "data"].map { try ImageFile.read(firmware + "/" + $0) } == before)

        let verify = try await offPool { try Tdxctl.run(["verify", folderPath + "/" + fake]) }
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("NOT verified: failed version"))
        #expect(verify.stdout.contains(claim))
        let genuine = try await offPool { try Tdxctl.run(["verify", folderPath + "/tdx_module_1.5.08.blob"]) }
        #expect(genuine.status == 0, "\(genuine.stdout)")
    }
}
