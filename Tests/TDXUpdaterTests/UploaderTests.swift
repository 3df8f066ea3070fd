import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

@Suite("Uploading through the firmware-upload files", .timeLimit(.minutes(3)))
struct UploaderTests {
    static let firmware = "/sys/class/firmware/tdx_module"

    static func image(_ version: String = "1.5.08") throws -> [UInt8] {
        try GeneratedImageFolder.signedImage(
            version: ModuleVersion(version)!, format: .v2, debug: false, cpuidTable: [0x806F8])
    }

    @Test("a good image: loading 1, data, loading 0, every status seen, then idle with no error")
    func success() async throws {
        let host = FakeFirmwareHost(HostDescription())
        let uploader = FirmwareUploader(files: host, pollInterval: .milliseconds(1))
        var seen: [UploadStatus] = []
        let bytes = try Self.image()
        let outcome = await uploader.upload(image: bytes, timeout: .seconds(120)) { seen.append($0.status) }
        guard case .completed = outcome else {
            Issue.record("expected completed, got \(outcome)")
            return
        }
        #expect(seen == [.receiving, .preparing, .transferring, .programming, .idle])
        #expect(
            host.writes == [
                "\(Self.firmware)/loading=1", "\(Self.firmware)/data=<\(bytes.count) bytes>",
                "\(Self.firmware)/loading=0",
            ])
        #expect(host.uploads == [bytes])
        #expect(host.moduleVersion == "1.5.08")
    }

    @Test("the kernel's error is returned with its phase")
    func rejected() async throws {
        let host = FakeFirmwareHost(HostDescription(), behavior: .rejectHarmlessly("device-busy"))
        let outcome = await FirmwareUploader(files: host, pollInterval: .milliseconds(1))
            .upload(image: try Self.image(), timeout: .seconds(120))
        guard case .failed(let error, _) = outcome else {
            Issue.record("expected failed, got \(outcome)")
            return
        }
        #expect(error == UploadFailure(phase: .transferring, error: .deviceBusy))
        #expect(error.text == "transferring:device-busy")
        #expect(host.moduleVersion == "1.5.06")
    }

    @Test("an upload that never finishes times out, and says so")
    func timeout() async throws {
        let host = FakeFirmwareHost(HostDescription(), behavior: .hang)
        let image = try Self.image()
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await FirmwareUploader(files: host, pollInterval: .milliseconds(5))
            .upload(image: image, timeout: .milliseconds(200))
        guard case .timedOut(let status, let elapsed) = outcome else {
            Issue.record("expected timedOut, got \(outcome)")
            return
        }
        #expect(status != .idle)
        #expect(elapsed >= .milliseconds(200))
        // A hang bound: a starved poll task resumes late under ThreadSanitizer on a loaded machine.
        #expect(clock.now - start < .seconds(120))
    }

    @Test("an upload in progress is not disturbed")
    func busy() async throws {
        let host = FakeFirmwareHost(HostDescription(), behavior: .hang)
        let uploader = FirmwareUploader(files: host, pollInterval: .milliseconds(1))
        _ = await uploader.upload(image: try Self.image(), timeout: .milliseconds(10))
        let second = await uploader.upload(image: try Self.image("1.5.09"), timeout: .seconds(1))
        #expect(second == .notStarted(.busy(status: .transferring)))
        #expect(host.uploads.count == 1)
    }

    @Test("no firmware-upload interface: nothing is written")
    func missingInterface() async throws {
        var description = HostDescription()
        description.layout = .noUpdateSupport
        let host = FakeFirmwareHost(description)
        let outcome = await FirmwareUploader(files: host).upload(image: try Self.image(), timeout: .seconds(1))
        #expect(outcome == .notStarted(.interfaceMissing(path: "\(Self.firmware)/loading")))
        #expect(host.writes.isEmpty)
    }

    @Test("a failed data write aborts the load with loading -1")
    func abortOnWriteFailure() async throws {
        let root = try TemporaryHostRoot(HostDescription())
        try root.remove("\(Self.firmware)/data")
        try root.write("\(Self.firmware)/data.placeholder", "")
        // The data file is gone after the existence check: simulate by a file-protocol wrapper.
        let files = DisappearingData(inner: root.files, path: "\(Self.firmware)/data")
        let outcome = await FirmwareUploader(files: files).upload(image: try Self.image(), timeout: .seconds(1))
        guard case .notStarted(.writeFailed(let error)) = outcome else {
            Issue.record("expected writeFailed, got \(outcome)")
            return
        }
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(try root.files.readText("\(Self.firmware)/loading") == "-1")
    }
}

/// Host files whose `data` attribute exists for the check but refuses writes.
private struct DisappearingData: HostFiles {
    let inner: RootDirectoryHostFiles
    let path: String
    func read(_ path: String) throws(HostFileError) -> [UInt8] { try inner.read(path) }
    func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) { try inner.write(path, bytes) }
    func exists(_ path: String) -> Bool { path == self.path || inner.exists(path) }
    func list(_ directory: String) throws(HostFileError) -> [String] { try inner.list(directory) }
}
