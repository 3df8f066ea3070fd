import TDXSysfs

/// Hands a module image to the kernel through the firmware-upload files and follows the
/// upload to its end: write "1" to `loading`, the image to `data`, "0" to `loading`, then
/// poll `status` until "idle" and read `error`.
///
/// The same code drives `/sys/class/firmware/tdx_module` on a real host and the simulated
/// host's in-memory sysfs, so `tdxctl update` and `tdxctl simulate` share one upload path.
/// It does not judge images or read versions: `ModuleUpdater` does that around it.
public struct FirmwareUploader: Sendable {
    /// The host's files.
    public let files: any HostFiles
    /// The firmware-upload directory, e.g. `/sys/class/firmware/tdx_module`.
    public let firmwareDirectory: String
    /// How often `status` is read while the upload runs.
    public let pollInterval: Duration

    /// An uploader for the device at `firmwareDirectory` (mainline's by default).
    public init(
        files: any HostFiles,
        firmwareDirectory: String = HostPaths.firmwareClass + "/" + HostPaths.mainlineFirmwareName,
        pollInterval: Duration = .milliseconds(100)
    ) {
        self.files = files
        self.firmwareDirectory = firmwareDirectory
        self.pollInterval = pollInterval
    }

    private var loadingPath: String { firmwareDirectory + "/loading" }
    private var dataPath: String { firmwareDirectory + "/data" }
    private var statusPath: String { firmwareDirectory + "/status" }
    private var errorPath: String { firmwareDirectory + "/error" }
    private var remainingSizePath: String { firmwareDirectory + "/remaining_size" }

    /// Uploads `image` and waits up to `timeout` for the kernel to finish with it,
    /// calling `progress` each time status or remaining size changes.
    public func upload(
        image: [UInt8], timeout: Duration, progress: (UploadProgress) -> Void = { _ in }
    ) async -> UploadOutcome {
        for path in [loadingPath, dataPath, statusPath, errorPath] where !files.exists(path) {
            return .notStarted(.interfaceMissing(path: path))
        }
        do {
            let status = UploadStatus(text: try files.readText(statusPath))
            guard status == .idle else { return .notStarted(.busy(status: status)) }
        } catch {
            return .notStarted(.statusUnreadable(error))
        }
        if let failure = handOver(image) { return .notStarted(failure) }
        return await follow(timeout: timeout, progress: progress)
    }

    /// How long the abort (`loading=-1`) may take after the command's deadline passed or
    /// the operator interrupted it.
    static let abortGrace: Duration = .seconds(5)

    /// Writes loading=1, data, loading=0, checking for an interruption before each write;
    /// aborts the load (loading=-1) if a write fails or the operator interrupts before
    /// loading=0. A loading=0 that fails or is cut short is not aborted: the kernel may
    /// have taken it, so the upload is followed as if it had.
    private func handOver(_ image: [UInt8]) -> UploadStartFailure? {
        if Task.isCancelled { return .interrupted(.notNeeded) }
        do {
            try files.writeText(loadingPath, "1")
        } catch {
            // A cut-short write may still land: abort as if it had.
            if error.errno == .interrupted { return .interrupted(abortLoad()) }
            if error.errno == .timedOut { _ = abortLoad() }
            return error.errno == .resourceBusy ? .busy(status: currentStatus()) : .writeFailed(error)
        }
        do {
            if Task.isCancelled { return .interrupted(abortLoad()) }
            try files.write(dataPath, image)
            if Task.isCancelled { return .interrupted(abortLoad()) }
        } catch {
            let abort = abortLoad()
            if error.errno == .interrupted { return .interrupted(abort) }
            return error.errno == .resourceBusy ? .busy(status: currentStatus()) : .writeFailed(error)
        }
        do {
            try files.writeText(loadingPath, "0")
        } catch  where error.errno == .interrupted || error.errno == .timedOut {
            return nil
        } catch {
            _ = abortLoad()
            return error.errno == .resourceBusy ? .busy(status: currentStatus()) : .writeFailed(error)
        }
        return nil
    }

    /// Writes loading=-1 under a short deadline of its own.
    private func abortLoad() -> LoadAbort {
        do {
            try files.withGrace(Self.abortGrace).writeText(loadingPath, "-1")
            return .aborted
        } catch {
            return .failed(error)
        }
    }

    /// Polls status until idle or `timeout`, then reads `error`. A read the command's
    /// deadline cuts short ends the wait as a timeout, an interrupted one as an interruption.
    private func follow(timeout: Duration, progress: (UploadProgress) -> Void) async -> UploadOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var last: UploadProgress?
        func cutShort(_ error: HostFileError, _ elapsed: Duration) -> UploadOutcome? {
            let status = last?.status ?? .other("unknown")
            switch error.errno {
            case .timedOut: return .timedOut(lastStatus: status, elapsed: elapsed)
            case .interrupted: return .interrupted(lastStatus: status, elapsed: elapsed)
            default: return nil
            }
        }
        while true {
            let elapsed = clock.now - start
            if Task.isCancelled { return .interrupted(lastStatus: last?.status ?? .other("unknown"), elapsed: elapsed) }
            let status: UploadStatus
            do {
                status = UploadStatus(text: try files.readText(statusPath))
            } catch {
                return cutShort(error, elapsed) ?? .lostTrack(error, elapsed: elapsed)
            }
            let remaining = (try? files.readText(remainingSizePath)).flatMap { Int($0) }
            if last?.status != status || last?.remainingSize != remaining {
                let observation = UploadProgress(status: status, remainingSize: remaining, elapsed: elapsed)
                progress(observation)
                last = observation
            }
            if status == .idle {
                do {
                    let text = try files.readText(errorPath)
                    guard let error = UploadFailure(text: text) else { return .completed(elapsed: elapsed) }
                    return .failed(error, elapsed: elapsed)
                } catch  where error.errno == .resourceBusy {
                    // A new upload started between the two reads: keep following.
                } catch {
                    return cutShort(error, elapsed) ?? .lostTrack(error, elapsed: elapsed)
                }
            }
            if elapsed >= timeout { return .timedOut(lastStatus: status, elapsed: elapsed) }
            if Task.isCancelled { return .interrupted(lastStatus: status, elapsed: elapsed) }
            try? await Task.sleep(for: min(pollInterval, max(timeout - elapsed, .milliseconds(1))))
        }
    }

    private func currentStatus() -> UploadStatus {
        (try? files.readText(statusPath)).map { UploadStatus(text: $0) } ?? .other("unreadable")
    }
}
