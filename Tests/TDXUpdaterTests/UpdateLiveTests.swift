import Foundation
import Glibc
import SystemSupport
import TDXSysfs
import Testing

@testable import TDXUpdater

/// The real `tdxctl update` while it runs: its output arrives line by line through a pipe,
/// a second writer waits for the update lock and then refuses naming the holder, and
/// SIGINT while it waits ends it with nothing written.
@Suite("tdxctl update while it runs: lock, signals, output through a pipe", .enabled(if: Tdxctl.path != nil))
struct UpdateLiveTests {
    static let firmware = "/sys/class/firmware/tdx_module"

    /// A root, an image folder, and the lock held by this test process.
    struct Setup {
        let root: TemporaryHostRoot
        let images: GeneratedImageFolder
        let lock: UpdateLock

        init() throws {
            root = try TemporaryHostRoot(HostDescription())
            images = try GeneratedImageFolder(versions: ["1.5.08"])
            lock = try UpdateLock.acquire(
                at: root.files.resolve(UpdateLock.hostPath), deadline: HostDeadline(timeout: .seconds(10)))
        }

        func arguments(timeout: String) -> [String] {
            ["update", "--root", root.path, "--images", images.path, "--trust", "test", "--timeout", timeout]
        }

        var uploadFiles: [HostileRoot.Snapshot] {
            ["/loading", "/data"].map { HostileRoot.Snapshot(root.path + UpdateLiveTests.firmware + $0) }
        }
    }

    @Test("each line arrives while the update runs; it waits for the lock, then installs once it is released")
    func streamedWhileWaiting() async throws {
        let setup = try Setup()
        let child = try LiveProcess(try #require(Tdxctl.path), setup.arguments(timeout: "120"))
        let waiting = try await offPool {
            child.waitForLine(containing: "waiting for the update lock: process \(getpid())")
        }
        #expect(waiting, "the line did not arrive through the pipe while tdxctl ran")
        #expect(child.isRunning)
        setup.lock.release()
        let (status, stdout, stderr) = try await offPool { child.finish() }
        // A directory is no kernel: the version reads back unchanged (15).
        #expect(status == 15, "\(stdout) \(stderr)")
        #expect(stdout.contains { $0.hasPrefix("uploading ") })
        #expect(stdout.contains { $0.hasPrefix("ok: upload interface") })
    }

    @Test("a second update waits its timeout, then refuses naming the holder; nothing written")
    func lockHeld() async throws {
        let setup = try Setup()
        let before = setup.uploadFiles
        let start = ContinuousClock.now
        let run = try await Tdxctl.run(setup.arguments(timeout: "1") + ["--json"])
        #expect(ContinuousClock.now - start >= .seconds(1))
        #expect(run.status == 10, "\(run.stdout) \(run.stderr)")
        let json = try run.json()
        #expect(json["refusal"] as? String == "lock_held")
        #expect((json["message"] as? String)?.contains("process \(getpid())") == true)
        #expect(setup.uploadFiles == before)
        setup.lock.release()
    }

    @Test("SIGINT while waiting for the lock: interrupted, exit 10, nothing written", arguments: [SIGINT, SIGTERM])
    func interrupted(signal: Int32) async throws {
        let setup = try Setup()
        let before = setup.uploadFiles
        let child = try LiveProcess(try #require(Tdxctl.path), setup.arguments(timeout: "120"))
        #expect(try await offPool { child.waitForLine(containing: "waiting for the update lock") })
        child.signal(signal)
        let (status, stdout, stderr) = try await offPool { child.finish() }
        #expect(status == 10, "\(stdout) \(stderr)")
        #expect(stderr.contains("interrupted (\(SignalPipe.name(of: signal)))"), "\(stderr)")
        #expect(stderr.contains("nothing was installed"), "\(stderr)")
        #expect(setup.uploadFiles == before)
        setup.lock.release()
    }
}
