import BenchSupport
import Foundation
import TDXImage

/// The image image-bench verifies: its file (openssl reads it), its bytes, and the
/// trust policy under which it must verify.
struct ImageUnderTest {
    /// Module pages of the generated image: 150 x 4 KiB = 600 KiB, the size in issue 4.
    static let generatedModulePages = 150

    let file: URL
    let bytes: [UInt8]
    /// "intel", "file" (given with --image) or "generated".
    let source: String
    let policy: TrustPolicy
    /// The file to delete at the end (generated images only).
    private let temporary: URL?

    /// The explicit path, else the largest Intel blob, else a generated image.
    static func locate(explicitPath: String?, forceGenerated: Bool) throws -> ImageUnderTest {
        if let explicitPath {
            return try ImageUnderTest(file: URL(fileURLWithPath: explicitPath), source: "file", policy: .intel)
        }
        if !forceGenerated, let folder = IntelBinaries.folder(), let blob = IntelBinaries.largestBlob(in: folder) {
            return try ImageUnderTest(file: blob, source: "intel", policy: .intel)
        }
        let image = try TestImageSigner().makeImage(modulePages: generatedModulePages, format: .v1)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "image-bench-\(ProcessInfo.processInfo.processIdentifier).blob")
        try Data(image.bytes).write(to: file)
        return ImageUnderTest(file: file, bytes: image.bytes, source: "generated", policy: .test, temporary: file)
    }

    private init(file: URL, source: String, policy: TrustPolicy) throws {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw BenchError.input(path: file.path, reason: "cannot be read")
        }
        self.init(file: file, bytes: Array(data), source: source, policy: policy, temporary: nil)
    }

    private init(file: URL, bytes: [UInt8], source: String, policy: TrustPolicy, temporary: URL?) {
        self.file = file
        self.bytes = bytes
        self.source = source
        self.policy = policy
        self.temporary = temporary
    }

    /// Fails unless the image passes every check: a benchmark of a failing
    /// verification would measure an early exit.
    func checkVerifies() throws {
        let report = try ModuleImage(parsing: bytes).verify(trusting: policy)
        guard report.allPassed else {
            throw BenchError.input(
                path: file.path, reason: "does not verify (failed: \(report.failedChecks.map(\.rawValue)))")
        }
    }

    /// Parse + verify the bytes in memory.
    func verifyInMemory() throws {
        let report = try ModuleImage(parsing: bytes).verify(trusting: policy)
        blackHole(report.allPassed)
    }

    /// Read the file, parse, verify: the same work as an operator's verify command.
    func verifyFromFile() throws {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw BenchError.input(path: file.path, reason: "cannot be read")
        }
        let report = try ModuleImage(parsing: Array(data)).verify(trusting: policy)
        blackHole(report.allPassed)
    }

    /// The module part of the image: the bytes whose SHA-384 the sigstruct signs.
    func moduleBytes() throws -> [UInt8] {
        Array(try ModuleImage(parsing: bytes).module)
    }

    /// Deletes the generated file, if any.
    func cleanUp() {
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }
}
