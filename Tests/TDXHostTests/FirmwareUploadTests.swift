import Foundation
import Synchronization
import Testing

@testable import TDXHost

/// A driver whose `write` blocks until the test releases it, and then succeeds or fails
/// as told, so the upload core's states can be observed one by one.
final class GatedDriver: FirmwareUploadDriver {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let result: Mutex<Result<Int?, FirmwareUploadErrorCode>>
    let cancels = Atomic<Int>(0)
    let writes = Mutex<[[UInt8]]>([])

    init(result: Result<Int?, FirmwareUploadErrorCode> = .success(nil)) {
        self.result = Mutex(result)
    }

    func prepare(_ image: [UInt8]) -> FirmwareUploadErrorCode? { nil }

    func write(_ image: [UInt8], offset: Int) -> Result<Int, FirmwareUploadErrorCode> {
        writes.withLock { $0.append(Array(image[offset...])) }
        entered.signal()
        release.wait()
        return result.withLock { $0 }.map { $0 ?? image.count - offset }
    }

    func pollComplete() -> FirmwareUploadErrorCode? { nil }

    func cancel() { cancels.wrappingAdd(1, ordering: .relaxed) }
}

/// A driver that blocks in `prepare` and in `poll_complete` until released, so the
/// "preparing" and "programming" states can be seen.
final class PhaseDriver: FirmwareUploadDriver {
    let reached = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    func prepare(_ image: [UInt8]) -> FirmwareUploadErrorCode? {
        reached.signal()
        release.wait()
        return nil
    }

    func write(_ image: [UInt8], offset: Int) -> Result<Int, FirmwareUploadErrorCode> {
        .success(min(2, image.count - offset))
    }

    func pollComplete() -> FirmwareUploadErrorCode? {
        reached.signal()
        release.wait()
        return .hwError
    }

    func cancel() {}
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
        .timeLimit(.minutes(1)))
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
        #expect(throws: SysfsError.busy(path: "error")) { try upload.read("error") }
        driver.release.signal()
        #expect(upload.waitUntilIdle())
        #expect(try text(upload, "status") == "idle\n")
        #expect(try text(upload, "error") == "")
        #expect(try text(upload, "remaining_size") == "0\n")
        #expect(driver.writes.withLock { $0 } == [[1, 2, 3, 4, 5]])
    }

    @Test(
        "a failed write reads back as transferring:firmware-invalid, remaining_size kept",
        .timeLimit(.minutes(1)))
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
        .timeLimit(.minutes(1)))
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

    @Test("a write that consumes nothing is read-write-error", .timeLimit(.minutes(1)))
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
        .timeLimit(.minutes(1)))
    func secondUploadIsBusy() throws {
        let driver = GatedDriver()
        let upload = FirmwareUpload(name: "tdx_module", driver: driver)
        try startUpload(upload, [1, 2])
        driver.entered.wait()
        try upload.write("loading", Array("1".utf8))
        try upload.write("data", [7, 7, 7])
        #expect(throws: SysfsError.busy(path: "loading")) { try upload.write("loading", Array("0".utf8)) }
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
        #expect(throws: SysfsError.noDevice(path: "data")) { try upload.write("data", [1]) }
    }

    @Test(
        "cancel: ENODEV while idle, reaches the driver while busy, EINVAL for other values",
        .timeLimit(.minutes(1)))
    func cancelRules() throws {
        let driver = GatedDriver()
        let upload = FirmwareUpload(name: "tdx_module", driver: driver)
        #expect(throws: SysfsError.noDevice(path: "cancel")) { try upload.write("cancel", Array("1".utf8)) }
        #expect(throws: SysfsError.invalidArgument(path: "cancel", value: "2")) {
            try upload.write("cancel", Array("2".utf8))
        }
        try startUpload(upload, [1])
        driver.entered.wait()
        try upload.write("cancel", Array("1\n".utf8))
        #expect(driver.cancels.load(ordering: .relaxed) == 1)
        driver.release.signal()
        #expect(upload.waitUntilIdle())
    }

    @Test("read-only and write-only files, unknown names")
    func accessRules() throws {
        let upload = FirmwareUpload(name: "tdx_module", driver: GatedDriver())
        for file in ["status", "error", "remaining_size"] {
            #expect(throws: SysfsError.permissionDenied(path: file)) { try upload.write(file, [0x31]) }
        }
        for file in ["data", "cancel"] {
            #expect(throws: SysfsError.permissionDenied(path: file)) { try upload.read(file) }
        }
        #expect(throws: SysfsError.noSuchFile(path: "timeoutx")) { try upload.read("timeoutx") }
    }

    @Test(
        "errno values are Linux's",
        arguments: [
            (SysfsError.noSuchFile(path: "p"), Int32(2), "ENOENT"),
            (SysfsError.noSuchDeviceOrAddress(path: "p"), 6, "ENXIO"),
            (SysfsError.busy(path: "p"), 16, "EBUSY"),
            (SysfsError.noDevice(path: "p"), 19, "ENODEV"),
            (SysfsError.invalidArgument(path: "p", value: "x"), 22, "EINVAL"),
            (SysfsError.permissionDenied(path: "p"), 13, "EACCES"),
            (SysfsError.ioError(path: "p", detail: "d"), 5, "EIO"),
        ])
    func errnoValues(error: SysfsError, number: Int32, name: String) {
        #expect(error.errno == number)
        #expect(error.errnoName == name)
        #expect(error.description.contains(name))
    }
}
