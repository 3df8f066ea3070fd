import Foundation
import Testing

@testable import TDXImage

/// The fuzzer's committed seeds must stay valid images (they are where fuzzing starts), and
/// must be exactly what the signer makes today, so a format change cannot leave them stale.
@Suite("Fuzz seed corpus")
struct FuzzSeedTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/corpus").standardized

    @Test("every image seed parses and verifies under the test key")
    func seedsVerify() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count >= 4)
        for name in names where name != "sigstruct" {
            let image = try ModuleImage(contentsOf: Self.corpus.appendingPathComponent(name).path)
            #expect(image.verify(trusting: .test).allPassed, "\(name)")
        }
        let sigstruct = try ImageFile.read(Self.corpus.appendingPathComponent("sigstruct").path)
        #expect(try SigStruct(parsing: sigstruct).keyFingerprint == .projectTestKey)
    }

    @Test("the v2 one-page seed is what the signer makes today")
    func seedsAreCurrent() throws {
        let seed = try ImageFile.read(Self.corpus.appendingPathComponent("v2-1page").path)
        #expect(seed == (try TestImageSigner().makeImage(modulePages: 1, format: .v2)).bytes)
    }
}
