import Foundation
import Glibc
import SystemSupport
import TDXImage
import TDXSysfs
import Testing

@testable import TDXUpdater

/// The update's safety rails, in process: the deadline, the operator's interruption before
/// and after `loading=0`, the host read again before the upload, inconsistent CPU lists,
/// an incomplete upload interface, and the one-writer lock.
@Suite("Update safety: deadline, interruption, recheck, CPU lists, lock", .timeLimit(.minutes(3)))
struct UpdateSafetyTests {
    static let firmware = "/sys/class/firmware/tdx_module"

    static func catalog() throws -> (ImageCatalog, GeneratedImageFolder) {
        let folder = try GeneratedImageFolder(versions: ["1.5.06", "1.5.08"])
        return (try ImageCatalog(directory: folder.path, trust: .test), folder)
    }

    static func update(
        _ files: any HostFiles, deadline: HostDeadline? = nil, lockRoot: String? = nil,
        request: UpdateRequest = UpdateRequest(timeout: .seconds(300)),
        progress: @escaping (UploadProgress) -> Void = { _ in }
    ) async throws -> UpdateReport {
        let (catalog, folder) = try catalog()
        defer { withExtendedLifetime(folder) {} }
        return try await update(
            files, deadline: deadline, lockRoot: lockRoot, request: request, catalog: catalog, progress: progress)
    }

    static func update(
        _ files: any HostFiles, deadline: HostDeadline?, lockRoot: String?, request: UpdateRequest,
        catalog: ImageCatalog, progress: @escaping (UploadProgress) -> Void
    ) async throws -> UpdateReport {
        var updater = ModuleUpdater(files: files, pollInterval: .milliseconds(2))
        updater.deadline = deadline
        updater.lockRoot = lockRoot
        return await updater.update(request, catalog: catalog, progress: progress)
    }

    @Test("a kernel that never finishes ends at the command's deadline: timed out, exit 14, cannot be cancelled")
    func deadline() async throws {
        let host = FakeFirmwareHost(HostDescription(), behavior: .hang)
        // The deadline starts once the kernel has the image, so that nothing before it
        // runs into it however loaded the machine is.
        let files = DeadlineFromTransfer(host, timeout: .seconds(5), status: Self.firmware + "/status")
        let report = try await Self.update(files)
        guard case .timedOut = report.result else {
            Issue.record("expected timed out, got \(report.result): \(report.message)")
            return
        }
        #expect(ExitStatus(report.result) == .timedOut)
        #expect(report.message.contains("cannot be cancelled"))
        #expect(report.message.contains("cat \(Self.firmware)/status"))
        #expect(host.uploads.count == 1)
    }

    @Test("Ctrl-C while the kernel updates: interrupted, exit 14, the update goes on and how to follow it")
    func interruptedAfterHandover() async throws {
        let host = FakeFirmwareHost(HostDescription(), behavior: .hang)
        let deadline = HostDeadline(timeout: .seconds(60))
        let report = try await Self.update(DeadlineHostFiles(host, deadline: deadline), deadline: deadline) { step in
            if step.status == .transferring {
                deadline.interrupt(by: SIGINT)
                withUnsafeCurrentTask { $0?.cancel() }
            }
        }
        guard case .interrupted = report.result else {
            Issue.record("expected interrupted, got \(report.result): \(report.message)")
            return
        }
        #expect(ExitStatus(report.result) == .timedOut)
        #expect(report.message.contains("SIGINT"))
        #expect(report.message.contains("continues in the kernel and cannot be cancelled"))
        #expect(report.message.contains("tdxctl status"))
    }

    @Test("Ctrl-C during the data write: the load is aborted with loading=-1, nothing installed, exit 10")
    func interruptedBeforeHandover() async throws {
        let host = FakeFirmwareHost(HostDescription())
        let deadline = HostDeadline(timeout: .seconds(60))
        let scripted = ScriptedFiles(
            host,
            beforeWrite: { path, _ in
                if path == Self.firmware + "/data" {
                    deadline.interrupt(by: SIGTERM)
                    withUnsafeCurrentTask { $0?.cancel() }
                }
            })
        let report = try await Self.update(DeadlineHostFiles(scripted, deadline: deadline), deadline: deadline)
        #expect(report.result == .refused(.interrupted(signal: SIGTERM, abort: .aborted)), "\(report.message)")
        #expect(ExitStatus(report.result) == .refused)
        #expect(report.message.contains("SIGTERM") && report.message.contains("loading=-1"))
        // The cut-short data write may still land after the abort (its thread goes on); the
        // kernel refuses it then, as the fake does: no load is open.
        #expect(host.writes.first == "\(Self.firmware)/loading=1")
        #expect(host.writes.contains("\(Self.firmware)/loading=-1"))
        #expect(!host.writes.contains("\(Self.firmware)/loading=0"))
        #expect(host.uploads.isEmpty && host.moduleVersion == "1.5.06")
    }

    @Test("a CPU going offline between the checks and the upload: refused host_changed, nothing written")
    func hostChanged() async throws {
        var description = HostDescription()
        description.offlineCPUs = []
        let host = FakeFirmwareHost(description)
        let scripted = ScriptedFiles(
            host,
            reads: { path, count in
                path == HostPaths.cpusOnline && count > 1 ? "0-2\n" : nil
            })
        let report = try await Self.update(scripted)
        #expect(report.result == .refused(.hostChanged([HostPaths.cpusOnline])), "\(report.message)")
        #expect(report.message.contains(HostPaths.cpusOnline))
        #expect(host.writes.isEmpty)
    }

    @Test(
        "empty or contradicting CPU lists are refused before anything is written",
        arguments: [
            (HostPaths.cpusPresent, "\n", "lists no CPUs"), (HostPaths.cpusOnline, "\n", "lists no CPUs"),
            (HostPaths.cpusOnline, "0-7\n", "not present"), (HostPaths.cpusPresent, "0-1\n", "not present"),
            (HostPaths.cpusOnline, "0-2\n", HostPaths.cpuinfo),
        ])
    func inconsistentCPUs(path: String, content: String, says: String) async throws {
        var description = HostDescription()
        description.offlineCPUs = [4, 5]
        let host = FakeFirmwareHost(description)
        let scripted = ScriptedFiles(host, reads: { read, _ in read == path ? content : nil })
        let report = try await Self.update(scripted)
        guard case .refused(.cpusInconsistent(let problem)) = report.result else {
            Issue.record("expected cpus_inconsistent, got \(report.result): \(report.message)")
            return
        }
        #expect(problem.contains(says))
        #expect(host.writes.isEmpty)
    }

    @Test("a missing status file: refused as an incomplete interface, also in a dry run; nothing written")
    func incompleteInterface() async throws {
        let root = try TemporaryHostRoot(HostDescription())
        try root.remove(Self.firmware + "/status")
        for dryRun in [true, false] {
            let report = try await Self.update(
                root.files, request: UpdateRequest(dryRun: dryRun, timeout: .seconds(30)))
            guard case .refused(.uploadInterfaceIncomplete(let error)) = report.result else {
                Issue.record("expected upload_interface_incomplete, got \(report.result): \(report.message)")
                continue
            }
            #expect(error.path == Self.firmware + "/status" && error.errno == .noSuchFileOrDirectory)
        }
        #expect(try String(contentsOfFile: root.path + Self.firmware + "/loading", encoding: .utf8) == "0\n")
        let status = StatusReport(HostProbe(files: root.files).read())
        #expect(!status.updateSupported && status.uploadInterface == "incomplete")
        #expect(status.lines.contains { $0.contains("Update support:    no: the upload interface is incomplete") })
    }

    @Test("another holder of the update lock: refused lock_held naming its pid, after the wait; nothing written")
    func lockHeld() async throws {
        let host = FakeFirmwareHost(HostDescription())
        let folder = try TemporaryFolder.make(prefix: "tdx-lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/run/tdxctl.lock"
        let holder = try UpdateLock.acquire(at: path, deadline: HostDeadline(timeout: .seconds(5)))
        defer { holder.release() }
        let report = try await Self.update(
            host, deadline: HostDeadline(timeout: .milliseconds(300)), lockRoot: folder)
        #expect(report.result == .refused(.lockHeld(path: path, pid: getpid())), "\(report.message)")
        #expect(report.message.contains("process \(getpid())"))
        #expect(host.writes.isEmpty)
    }
}

/// Host files whose accesses are bounded by a deadline that starts when `status` first
/// reads "transferring" (the kernel has the image): everything before runs unbounded, so a
/// loaded machine cannot end the update before the hang it tests; everything after ends by it.
private final class DeadlineFromTransfer: HostFiles, @unchecked Sendable {
    let base: any HostFiles
    let timeout: Duration
    let status: String
    private let lock = ThreadLock()
    private var bounded: DeadlineHostFiles?

    init(_ base: any HostFiles, timeout: Duration, status: String) {
        self.base = base
        self.timeout = timeout
        self.status = status
    }

    private var files: any HostFiles { lock.withLock { bounded ?? base } }

    func read(_ path: String) throws(HostFileError) -> [UInt8] {
        let bytes = try files.read(path)
        if path == status, String(decoding: bytes, as: UTF8.self).hasPrefix("transferring") {
            lock.withLock {
                if bounded == nil { bounded = DeadlineHostFiles(base, deadline: HostDeadline(timeout: timeout)) }
            }
        }
        return bytes
    }
    func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) { try files.write(path, bytes) }
    func exists(_ path: String) -> Bool { files.exists(path) }
    func list(_ directory: String) throws(HostFileError) -> [String] { try files.list(directory) }
    func withGrace(_ grace: Duration) -> any HostFiles { files.withGrace(grace) }
}
