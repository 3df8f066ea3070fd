import Foundation
import Synchronization
import SystemPackage
import SystemSupport
import TDXSysfs
import Testing

@testable import TDXHost

/// A driver whose `write` blocks until the test releases it, and then succeeds or fails
/// as told, so the upload core's states can be observed one by one.
final class GatedDriver: FirmwareUploadDriver {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let result: Mutex<Result<Int?, UploadError>>
    let cancels = Atomic<Int>(0)
    let writes = Mutex<[[UInt8]]>([])

    init(result: Result<Int?, UploadError> = .success(nil)) {
        self.result = Mutex(result)
    }

    func prepare(_ image: [UInt8]) -> UploadError? { nil }

    func write(_ image: [UInt8], offset: Int) -> Result<Int, UploadError> {
        writes.withLock { $0.append(Array(image[offset...])) }
        entered.signal()
        release.wait()
        return result.withLock { $0 }.map { $0 ?? image.count - offset }
    }

    func pollComplete() -> UploadError? { nil }

    func cancel() { cancels.wrappingAdd(1, ordering: .relaxed) }
}

/// A driver that blocks in `prepare` and in `poll_complete` until released, so the
/// "preparing" and "programming" states can be seen.
final class PhaseDriver: FirmwareUploadDriver {
    let reached = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    func prepare(_ image: [UInt8]) -> UploadError? {
        reached.signal()
        release.wait()
        return nil
    }

    func write(_ image: [UInt8], offset: Int) -> Result<Int, UploadError> {
        .success(min(2, image.count - offset))
    }

    func pollComplete() -> UploadError? {
        reached.signal()
        release.wait()
        return .hardwareError
    }

    func cancel() {}
}

extension FirmwareUpload {
    /// Reads a file by name, as a path's last component names it.
    func read(_ name: String) throws(HostFileError) -> [UInt8] {
        guard let file = HostPaths.UploadFile(rawValue: name) else {
            throw HostFileError(path: name, errno: .noSuchFileOrDirectory)
        }
        return try read(file)
    }

    /// Writes a file by name.
    func write(_ name: String, _ bytes: [UInt8], offset: Int = 0) throws(HostFileError) {
        guard let file = HostPaths.UploadFile(rawValue: name) else {
            throw HostFileError(path: name, errno: .noSuchFileOrDirectory)
        }
        try write(file, bytes, offset: offset)
    }
}

/// "EBUSY at loading": the errno name and path of the failure `body` throws, nil when it
/// does not throw.
func failure<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as HostFileError {
        return "\(error.errno.name) at \(error.path)"
    } catch {
        return "not a HostFileError: \(error)"
    }
}

func text(_ upload: FirmwareUpload, _ file: String) throws -> String {
    String(decoding: try upload.read(file), as: UTF8.self)
}

func startUpload(_ upload: FirmwareUpload, _ image: [UInt8]) throws {
    try upload.write("loading", Array("1".utf8))
    try upload.write("data", image)
    try upload.write("loading", Array("0".utf8))
}

@Suite("fw_upload core: states, strings and errno rules (spec 5.2)")
struct FirmwareUploadTests {
    @Test("idle at start: status idle, error empty, loading 0, remaining_size 0")
    func idleAtStart() throws {
        let upload = FirmwareUpload(name: "tdx_module", driver: GatedDriver())
        #expect(try text(upload, "status") == "idle\n")
        #expect(try text(upload, "error") == "")
        #expect(try text(upload, "loading") == "0\n")
        #expect(try text(upload, "remaining_size") == "0\n")
    }

    @Test(
        "a successful upload goes through transferring back to idle with no error",
        .timeLimit(.minutes(3)))
    func successfulUpload() throws {
        let driver = GatedDriver()
        let upload = FirmwareUpload(name: "tdx_module", driver: driver)
        try upload.write("loading", Array("1".utf8))
        #expect(try text(upload, "loading") == "1\n")
        try upload.write("data", [1, 2, 3])
        try upload.write("data", [4, 5], offset: 3)
        try upload.write("loading", Array("0".utf8))
        driver.entered.wait()
        #expect(try text(upload, "status") == "transferring\n")
        #expect(try text(upload, "remaining_size") == "5\n")
        #expect(failure { try upload.read("error") } == "EBUSY at error")
        driver.release.signal()
        #expect(upload.waitUntilIdle())
        #expect(try text(upload, "status") == "idle\n")
        #expect(try text(upload, "error") == "")
        #expect(try text(upload, "remaining_size") == "0\n")
        #expect(driver.writes.withLock { $0 } == [[1, 2, 3, 4, 5]])
    }

    @Test(
        "a failed write reads back as transferring:firmware-invalid, remaining_size kept",
        .timeLimit(.minutes(3)))
    func failedUpload() throws {
        let driver = GatedDriver(result: .failure(.firmwareInvalid))
        let upload = FirmwareUpload(name: "tdx_module", driver: driver)
        try startUpload(upload, [9, 9, 9, 9])
        driver.release.signal()
        #expect(upload.waitUntilIdle())
        #expect(try text(upload, "error") == "transferring:firmware-invalid\n")
        #expect(try text(upload, "remaining_size") == "4\n")
        #expect(try text(upload, "status") == "idle\n")
    }

    @Test(
        "status shows preparing and programming; writes in pieces drain remaining_size; errors name the phase",
        .timeLimit(.minutes(3)))
    func phases() throws {
        let driver = PhaseDriver()
        let upload = FirmwareUpload(name: "tdx_module", driver: driver)
        try startUpload(upload, [1, 2, 3, 4, 5])
        driver.reached.wait()
        #expect(try text(upload, "status") == "preparing\n")
        driver.release.signal()
        driver.reached.wait()
        #expect(try text(upload, "status") == "programming\n")
        #expect(try text(upload, "remaining_size") == "0\n")
        driver.release.signal()
        #expect(upload.waitUntilIdle())
        #expect(try text(upload, "error") == "programming:hw-error\n")
    }

    @Test("a write that consumes nothing is read-write-error", .timeLimit(.minutes(3)))
    func zeroProgressWrite() throws {
        let driver = GatedDriver(result: .success(0))
        let upload = FirmwareUpload(name: "tdx_module", driver: driver)
        try startUpload(upload, [1])
        driver.release.signal()
        #expect(upload.waitUntilIdle())
        #expect(try text(upload, "error") == "transferring:read-write-error\n")
    }

    @Test(
        "a second upload while one runs gets EBUSY and does not disturb the first",
        .timeLimit(.minutes(3)))
    func secondUploadIsBusy() throws {
        let driver = GatedDriver()
        let upload = FirmwareUpload(name: "tdx_module", driver: driver)
        try startUpload(upload, [1, 2])
        driver.entered.wait()
        try upload.write("loading", Array("1".utf8))
        try upload.write("data", [7, 7, 7])
        #expect(failure { try upload.write("loading", Array("0".utf8)) } == "EBUSY at loading")
        #expect(try text(upload, "loading") == "0\n")
        driver.release.signal()
        #expect(upload.waitUntilIdle())
        #expect(try text(upload, "error") == "")
        #expect(driver.writes.withLock { $0 } == [[1, 2]])
        #expect(upload.uploadsFinished == 1)
    }

    @Test("loading 0 with an empty buffer does nothing")
    func emptyBufferDoesNothing() throws {
        let upload = FirmwareUpload(name: "tdx_module", driver: GatedDriver())
        try upload.write("loading", Array("1".utf8))
        try upload.write("loading", Array("0".utf8))
        #expect(try text(upload, "status") == "idle\n")
        #expect(upload.uploadsFinished == 0)
        try upload.write("loading", Array("0".utf8))
        #expect(try text(upload, "status") == "idle\n")
    }

    @Test("loading -1 aborts the load: data written before is dropped")
    func abortDropsBuffer() throws {
        let upload = FirmwareUpload(name: "tdx_module", driver: GatedDriver())
        try upload.write("loading", Array("1".utf8))
        try upload.write("data", [1, 2, 3])
        try upload.write("loading", Array("-1".utf8))
        #expect(try text(upload, "loading") == "0\n")
        #expect(failure { try upload.write("data", [1]) } == "ENODEV at data")
    }

    @Test(
        "cancel: ENODEV while idle, reaches the driver while busy, EINVAL for other values",
        .timeLimit(.minutes(3)))
    func cancelRules() throws {
        let driver = GatedDriver()
        let upload = FirmwareUpload(name: "tdx_module", driver: driver)
        #expect(failure { try upload.write("cancel", Array("1".utf8)) } == "ENODEV at cancel")
        #expect(failure { try upload.write("cancel", Array("2".utf8)) } == "EINVAL at cancel")
        try startUpload(upload, [1])
        driver.entered.wait()
        try upload.write("cancel", Array("1\n".utf8))
        #expect(driver.cancels.load(ordering: .relaxed) == 1)
        driver.release.signal()
        #expect(upload.waitUntilIdle())
    }

    @Test("read-only and write-only files")
    func accessRules() throws {
        let upload = FirmwareUpload(name: "tdx_module", driver: GatedDriver())
        for file in ["status", "error", "remaining_size"] {
            #expect(failure { try upload.write(file, [0x31]) } == "EACCES at " + file)
        }
        for file in ["data", "cancel"] {
            #expect(failure { try upload.read(file) } == "EACCES at " + file)
        }
    }
}
