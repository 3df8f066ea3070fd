import Foundation
import SystemPackage
import SystemSupport
import TDXSysfs

/// The kernel's firmware-upload core for one device (`/sys/class/firmware/<name>/`):
/// the `loading`, `data`, `status`, `error`, `remaining_size` and `cancel` files, with
/// an asynchronous worker that drives a ``FirmwareUploadDriver`` like the kernel's
/// `fw_upload_main` work item.
///
/// Semantics follow drivers/base/firmware_loader (spec section 5.2): writing "1" to
/// `loading` starts a fresh buffer; writing "0" hands a non-empty buffer to the worker
/// and returns at once (EBUSY while an earlier upload is still running, nothing when the
/// buffer is empty); `error` reads EBUSY while not idle, empty when the last upload
/// succeeded, else "<status-at-error>:<error>"; `cancel` fails with ENODEV while idle.
public final class FirmwareUpload: Sendable {
    private struct State: Sendable {
        var loading = false
        var buffer: [UInt8] = []
        var progress = UploadStatus.idle
        var errorProgress = UploadStatus.idle
        var errorCode: UploadError?
        var remainingSize = 0
        var uploadsStarted = 0
        var uploadsFinished = 0
    }

    /// The device name, e.g. "tdx_module".
    public let name: String
    private let driver: any FirmwareUploadDriver
    private let state = ThreadLocked(State())

    /// Creates the upload core for `driver` under the name `name`.
    public init(name: String, driver: any FirmwareUploadDriver) {
        self.name = name
        self.driver = driver
    }

    /// The files this device has, relative to its directory.
    public static let fileNames = HostPaths.UploadFile.allCases.map(\.name)

    /// Each file's mode, as the kernel's firmware loader declares it: `loading` and
    /// `data` 0644, `status`, `error` and `remaining_size` 0444, `cancel` 0200.
    public static func permissions(_ file: HostPaths.UploadFile) -> FilePermissions {
        switch file {
        case .loading, .data: return [.ownerReadWrite, .groupRead, .otherRead]
        case .status, .error, .remainingSize: return [.ownerRead, .groupRead, .otherRead]
        case .cancel: return [.ownerWrite]
        }
    }

    /// The current progress (what `status` shows).
    public var progress: UploadStatus { state.withLock { $0.progress } }

    /// How many uploads the worker has finished since creation.
    public var uploadsFinished: Int { state.withLock { $0.uploadsFinished } }

    // MARK: reads

    /// Reads one of the device's files, with the text the kernel would print.
    /// Errors name the file alone ("error"); ``HostSysfs`` gives them the full path.
    public func read(_ file: HostPaths.UploadFile) throws(HostFileError) -> [UInt8] {
        let text: String
        switch file {
        case .loading:
            text = state.withLock { $0.loading } ? "1\n" : "0\n"
        case .status:
            text = state.withLock { $0.progress.text } + "\n"
        case .remainingSize:
            text = "\(state.withLock { $0.remainingSize })\n"
        case .error:
            let snapshot = state.withLock { ($0.progress, $0.errorProgress, $0.errorCode) }
            guard snapshot.0 == .idle else { throw Self.busy(file) }
            guard let code = snapshot.2 else { return [] }
            text = UploadFailure(phase: snapshot.1, error: code).text + "\n"
        case .data, .cancel:
            throw HostFileError(path: file.name, errno: .permissionDenied, detail: "the file cannot be read")
        }
        return Array(text.utf8)
    }

    private static func busy(_ file: HostPaths.UploadFile) -> HostFileError {
        HostFileError(
            path: file.name, errno: .resourceBusy, detail: "an upload is in progress; wait until status reads idle")
    }

    // MARK: writes

    /// Writes `bytes` at `offset` into one of the device's files.
    public func write(_ file: HostPaths.UploadFile, _ bytes: [UInt8], offset: Int = 0) throws(HostFileError) {
        switch file {
        case .loading:
            try writeLoading(Self.text(bytes))
        case .data:
            try writeData(bytes, offset: offset)
        case .cancel:
            try writeCancel(Self.text(bytes))
        case .status, .error, .remainingSize:
            throw HostFileError(path: file.name, errno: .permissionDenied, detail: "the file is read-only")
        }
    }

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func writeLoading(_ value: String) throws(HostFileError) {
        switch value {
        case "1":
            // Discards any earlier partial load and starts a new buffer; allowed even while
            // the worker is busy (the EBUSY comes when that buffer is handed over).
            state.withLock {
                $0.loading = true
                $0.buffer = []
            }
        case "0":
            let image: [UInt8]? = try state.withLock { (s: inout State) throws(HostFileError) -> [UInt8]? in
                guard s.loading else { return nil }
                guard !s.buffer.isEmpty else {
                    s.loading = false
                    return nil
                }
                guard s.progress == .idle else {
                    // The kernel aborts this load and returns EBUSY; the running one goes on.
                    s.loading = false
                    s.buffer = []
                    throw Self.busy(.loading)
                }
                let image = s.buffer
                s.loading = false
                s.buffer = []
                s.progress = .receiving
                s.errorCode = nil
                s.errorProgress = .idle
                s.remainingSize = image.count
                s.uploadsStarted += 1
                return image
            }
            if let image { startWorker(image) }
        default:
            // "-1" and any other value abort the load in progress, as the kernel does.
            state.withLock {
                $0.loading = false
                $0.buffer = []
            }
        }
    }

    private func writeData(_ bytes: [UInt8], offset: Int) throws(HostFileError) {
        guard offset >= 0 else {
            throw HostFileError(path: "data", errno: .invalidArgument, detail: "offset \(offset)")
        }
        try state.withLock { (s: inout State) throws(HostFileError) in
            guard s.loading else {
                throw HostFileError(
                    path: "data", errno: .operationNotSupportedByDevice,
                    detail: "no load in progress (write 1 to loading)")
            }
            if s.buffer.count < offset + bytes.count {
                s.buffer.append(contentsOf: repeatElement(0, count: offset + bytes.count - s.buffer.count))
            }
            s.buffer.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        }
    }

    private func writeCancel(_ value: String) throws(HostFileError) {
        guard value == "1" || value.lowercased() == "y" || value.lowercased() == "on" else {
            throw HostFileError(
                path: "cancel", errno: .invalidArgument, detail: "value \(value.debugDescription) not accepted")
        }
        guard state.withLock({ $0.progress }) != .idle else {
            throw HostFileError(path: "cancel", errno: .operationNotSupportedByDevice, detail: "no upload to cancel")
        }
        driver.cancel()
    }

    // MARK: the worker

    private func startWorker(_ image: [UInt8]) {
        let thread = Thread { [self] in runWorker(image) }
        thread.name = "fw_upload:\(name)"
        thread.start()
    }

    private func setProgress(_ progress: UploadStatus) {
        state.withLock { $0.progress = progress }
    }

    private func fail(_ code: UploadError) {
        state.withLock {
            $0.errorProgress = $0.progress
            $0.errorCode = code
        }
    }

    /// The kernel's `fw_upload_main`: prepare, write until nothing remains, poll, idle.
    private func runWorker(_ image: [UInt8]) {
        defer { finish() }
        setProgress(.preparing)
        if let error = driver.prepare(image) {
            fail(error)
            return
        }
        setProgress(.transferring)
        var offset = 0
        while offset < image.count {
            switch driver.write(image, offset: offset) {
            case .failure(let error):
                fail(error)
                return
            case .success(let written) where written <= 0:
                fail(.readWriteError)
                return
            case .success(let written):
                offset += written
                state.withLock { $0.remainingSize = max(0, image.count - offset) }
            }
        }
        setProgress(.programming)
        if let error = driver.pollComplete() { fail(error) }
    }

    private func finish() {
        state.withLock {
            $0.progress = .idle
            $0.uploadsFinished += 1
            state.broadcast()
        }
    }

    /// Blocks until every upload started so far has finished, or `timeout` passes.
    /// Returns true when the device is idle with no upload pending.
    @discardableResult
    public func waitUntilIdle(timeout: Duration = .seconds(60)) -> Bool {
        state.withLock(
            waitingUntil: MonotonicClock.deadline(after: timeout),
            for: { $0.uploadsFinished == $0.uploadsStarted && $0.progress == .idle }
        ) { _, idle in idle }
    }
}
