import SystemPackage
import SystemSupport
import TDXImage
import TDXSysfs

@testable import TDXUpdater

/// An in-memory host with the firmware-upload core's semantics (spec section 5.2) and
/// mainline's TDX driver behind it: loading/data/status/error/remaining_size/cancel with
/// their EBUSY/ENODEV rules; the worker moves one status further each time `status` is
/// read, so tests are deterministic and need no threads.
final class FakeFirmwareHost: HostFiles {
    /// What the driver does with an image once it reaches "transferring".
    enum Behavior: Sendable {
        /// Mainline: accept a valid v2 image and install its version; anything else is
        /// "transferring:firmware-invalid" with the old module still running.
        case install
        /// Reject with this error code, old module still running.
        case rejectHarmlessly(String)
        /// Fail after shutdown: the module is gone (version reads ENXIO).
        case loseModule
        /// Never leave "transferring".
        case hang
    }

    enum Phase: String, Sendable {
        case idle, receiving, preparing, transferring, programming
    }

    struct State: Sendable {
        var files: [String: [UInt8]]
        var moduleVersion: String?
        var phase: Phase = .idle
        var loading = false
        var buffer: [UInt8] = []
        var error = ""
        var remainingSize = 0
        var uploads: [[UInt8]] = []
        var writes: [String] = []
        var behavior: Behavior
        var readFailures: [String: Errno] = [:]
    }

    let description: HostDescription
    // ThreadLocked, not Mutex: ThreadSanitizer sees its hand-offs, and a walked-away
    // access (DeadlineHostFiles) may still run beside the next one.
    private let state: ThreadLocked<State>

    init(_ description: HostDescription, behavior: Behavior = .install) {
        self.description = description
        var files: [String: [UInt8]] = [:]
        for (path, content) in description.files { files[path] = Array(content.utf8) }
        state = ThreadLocked(
            State(
                files: files, moduleVersion: description.layout == .noTDX ? nil : description.moduleVersion,
                behavior: behavior))
    }

    private var firmware: String { description.firmwareDirectory ?? "/nonexistent" }
    private var versionPath: String { "/sys/devices/faux/tdx_host/version" }

    /// Makes reads of `path` fail with `errno` (e.g. EACCES for a non-root reader).
    func failReads(of path: String, with errno: Errno) {
        state.withLock { $0.readFailures[path] = errno }
    }

    /// Every image handed to the driver.
    var uploads: [[UInt8]] { state.withLock { $0.uploads } }
    /// Every write, as "path=value" (data writes as "path=<N bytes>").
    var writes: [String] { state.withLock { $0.writes } }
    /// The module version now, nil when lost.
    var moduleVersion: String? { state.withLock { $0.moduleVersion } }

    func read(_ path: String) throws(HostFileError) -> [UInt8] {
        let result: Result<[UInt8], HostFileError> = state.withLock { state in
            if let errno = state.readFailures[path] { return .failure(HostFileError(path: path, errno: errno)) }
            switch path {
            case versionPath:
                guard let version = state.moduleVersion else {
                    return .failure(HostFileError(path: path, errno: .noSuchAddressOrDevice))
                }
                return .success(Array((version + "\n").utf8))
            case firmware + "/status":
                let shown = state.phase
                advance(&state)
                return .success(Array((shown.rawValue + "\n").utf8))
            case firmware + "/error":
                guard state.phase == .idle else { return .failure(HostFileError(path: path, errno: .resourceBusy)) }
                return .success(Array((state.error + "\n").utf8))
            case firmware + "/remaining_size":
                return .success(Array("\(state.remainingSize)\n".utf8))
            default:
                guard let content = state.files[path] else {
                    return .failure(HostFileError(path: path, errno: .noSuchFileOrDirectory))
                }
                return .success(content)
            }
        }
        return try result.get()
    }

    func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        let failure: HostFileError? = state.withLock { state in
            let text = String(decoding: bytes, as: UTF8.self).trimmingEdges()
            state.writes.append(path.hasSuffix("/data") ? "\(path)=<\(bytes.count) bytes>" : "\(path)=\(text)")
            switch path {
            case firmware + "/loading":
                switch text {
                case "1":
                    guard state.phase == .idle else { return HostFileError(path: path, errno: .resourceBusy) }
                    state.loading = true
                    state.buffer = []
                case "0":
                    guard state.loading else { return nil }
                    state.loading = false
                    guard !state.buffer.isEmpty else { return nil }
                    guard state.phase == .idle else { return HostFileError(path: path, errno: .resourceBusy) }
                    state.phase = .receiving
                    state.remainingSize = state.buffer.count
                    state.error = ""
                case "-1":
                    state.loading = false
                    state.buffer = []
                default:
                    return HostFileError(path: path, errno: .invalidArgument)
                }
                return nil
            case firmware + "/data":
                guard state.loading else { return HostFileError(path: path, errno: .operationNotSupportedByDevice) }
                state.buffer += bytes
                return nil
            case firmware + "/cancel":
                return state.phase == .idle ? HostFileError(path: path, errno: .operationNotSupportedByDevice) : nil
            default:
                return state.files[path] == nil
                    ? HostFileError(path: path, errno: .noSuchFileOrDirectory)
                    : HostFileError(path: path, errno: .permissionDenied)
            }
        }
        if let failure { throw failure }
    }

    func exists(_ path: String) -> Bool {
        state.withLock { state in
            if path == versionPath { return state.files[path] != nil }
            return state.files.keys.contains { $0 == path || $0.hasPrefix(path + "/") }
        }
    }

    func list(_ directory: String) throws(HostFileError) -> [String] {
        let names: Set<String> = state.withLock { state in
            Set(
                state.files.keys.compactMap { key in
                    guard key.hasPrefix(directory + "/") else { return nil }
                    return key.dropFirst(directory.count + 1).split(separator: "/").first.map(String.init)
                })
        }
        guard !names.isEmpty else { throw HostFileError(path: directory, errno: .noSuchFileOrDirectory) }
        return names.sorted()
    }

    /// One step of the firmware-upload worker; the driver's write runs on leaving
    /// "transferring".
    private func advance(_ state: inout State) {
        switch state.phase {
        case .idle:
            return
        case .receiving:
            state.phase = .preparing
        case .preparing:
            state.phase = .transferring
            state.uploads.append(state.buffer)
        case .transferring:
            let image = state.buffer
            switch state.behavior {
            case .hang:
                return
            case .rejectHarmlessly(let code):
                finishWithError(&state, code)
            case .loseModule:
                state.moduleVersion = nil
                finishWithError(&state, "firmware-invalid")
            case .install:
                guard let parsed = try? ModuleImage(parsingV2: image), let version = parsed.sigstruct.embeddedVersion
                else {
                    finishWithError(&state, "firmware-invalid")
                    return
                }
                state.moduleVersion = version.description
                state.remainingSize = 0
                state.phase = .programming
            }
        case .programming:
            state.phase = .idle
            state.buffer = []
        }
    }

    private func finishWithError(_ state: inout State, _ code: String) {
        state.error = "transferring:\(code)"
        state.phase = .idle
        state.buffer = []
    }
}
