import Foundation
import Testing

@testable import TDXImage

@Suite("Intel's published images", .enabled(if: IntelBinaries.available, "Intel binaries folder is absent"))
struct IntelReleaseTests {
    @Test("every published blob parses as v1 and verifies against Intel's key")
    func publishedBlobsVerify() throws {
        let blobs = IntelBinaries.blobs
        try #require(!blobs.isEmpty)
        for url in blobs {
            let image = try ModuleImage(parsing: try IntelBinaries.read(url))
            #expect(image.format == .v1)
            #expect(image.sigstruct.keyFingerprint == .intelProduction)
            #expect(!image.sigstruct.isDebug)
            #expect(image.sigstruct.numHandoffPages == 13)
            #expect(image.sigstruct.cpuidTable.contains(0x806F8))
            let report = image.verify(trusting: .intel)
            #expect(report.allPassed, "\(url.lastPathComponent): failed \(report.failedChecks)")
            let version = try #require(image.version(fileName: url.lastPathComponent))
            #expect(version.major == 1 && version.minor == 5)
            #expect(Int(image.sigstruct.svnMajor) == 1)
        }
    }

    @Test("a v2 conversion of every blob verifies and keeps sigstruct and module bytes")
    func convertedBlobsVerify() throws {
        for url in IntelBinaries.blobs {
            let original = try ModuleImage(parsing: try IntelBinaries.read(url))
            let converted = try ImageBuilder.convert(original, to: .v2)
            #expect(converted.format == .v2)
            #expect(converted.sigstruct.bytes == original.sigstruct.bytes)
            #expect(converted.module == original.module)
            #expect(converted.length == original.length)
            let reparsed = try ModuleImage(parsing: converted.bytes)
            #expect(reparsed.verify(trusting: .intel).allPassed)
            let back = try ImageBuilder.convert(reparsed, to: .v1)
            #expect(back.bytes == original.bytes, "v1 -> v2 -> v1 must reproduce \(url.lastPathComponent)")
        }
    }

    @Test("the separate .bin + .sigstruct pair joins to the published blob's bytes")
    func separatePairJoinsToPublishedBlob() throws {
        let pairs = IntelBinaries.separatePairs
        try #require(!pairs.isEmpty)
        for pair in pairs {
            let module = try IntelBinaries.read(pair.bin)
            let sigstruct = try IntelBinaries.read(pair.sigstruct)
            let v1 = try ImageBuilder.join(module: module, sigstruct: sigstruct, format: .v1)
            let blobName = pair.bin.deletingPathExtension().lastPathComponent + ".blob"
            let published = IntelBinaries.blobs.first { $0.lastPathComponent == blobName }
            if let published {
                #expect(v1.bytes == (try IntelBinaries.read(published)))
            }
            let v2 = try ImageBuilder.join(module: module, sigstruct: sigstruct, format: .v2)
            #expect(v2.verify(trusting: .intel).allPassed)
            #expect(v1.verify(trusting: .intel).allPassed)
        }
    }
}
