import Foundation
import Glibc
import SystemSupport
import TDXSysfs
import Testing

@testable import TDXUpdater

/// A host root that cannot hold its own lock (a read-only mount here; a served host's FUSE
/// mount has no `mkdir` either): the update lock moves to this machine's
/// `/run/tdxctl/root-DEVICE-INODE.lock`, and a second writer still waits for it.
@Suite(
    "The update lock of a root without a writable run/", .enabled(if: ReadOnlyRoot.available),
    .enabled(if: Tdxctl.path != nil))
struct ReadOnlyRootLockTests {
    @Test("a read-only root: the lock falls back to /run/tdxctl and is honoured there")
    func fallback() async throws {
        let root = try ReadOnlyRoot(HostDescription())
        defer { root.unmount() }
        let fallback = try #require(UpdateLock.fallbackPath(forRoot: root.path))
        #expect(fallback.hasPrefix(UpdateLock.fallbackDirectory + "/root-"))
        let holder = try UpdateLock.acquire(forRoot: root.path, deadline: HostDeadline(timeout: .seconds(10)))
        defer { holder.release() }
        #expect(holder.path == fallback)
        let images = try GeneratedImageFolder(versions: ["1.5.08"])
        let run = try await Tdxctl.run([
            "update", "--root", root.path, "--images", images.path, "--trust", "test", "--timeout", "1", "--json",
        ])
        #expect(run.status == 10, "\(run.stdout) \(run.stderr)")
        let json = try run.json()
        #expect(json["refusal"] as? String == "lock_held")
        #expect((json["message"] as? String)?.contains(fallback) == true)
    }
}

/// A host root on a tmpfs mounted read-only after its files are written; unmounted by
/// `unmount()`.
struct ReadOnlyRoot {
    let path: String

    /// Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN).
    static let available: Bool = {
        guard geteuid() == 0, let probe = try? TemporaryFolder.make(prefix: "tdx-mount-probe") else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard mount("tdx-test", probe, "tmpfs", 0, "size=1m") == 0 else { return false }
        umount(probe)
        return true
    }()

    init(_ description: HostDescription) throws {
        path = try TemporaryFolder.make(prefix: "tdx-ro-root")
        #expect(mount("tdx-test", path, "tmpfs", 0, "size=8m") == 0)
        for (hostPath, content) in description.files {
            let full = path + hostPath
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: URL(fileURLWithPath: full))
        }
        #expect(mount("tdx-test", path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), "size=8m") == 0)
    }

    func unmount() {
        umount(path)
        try? FileManager.default.removeItem(atPath: path)
    }
}
