import Foundation
import Glibc
import SystemSupport
import TDXSysfs
import Testing

@testable import TDXUpdater

@Suite("The update lock: one writer at a time")
struct UpdateLockTests {
    @Test("the lock holds the holder's pid; a second taker waits, then names the holder")
    func heldThenRefused() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/run/tdxctl.lock"
        let first = try UpdateLock.acquire(at: path, deadline: HostDeadline(timeout: .seconds(10)))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(getpid())\n")
        let start = MonotonicClock.now
        let error = #expect(throws: UpdateLockError.self) {
            try UpdateLock.acquire(at: path, deadline: HostDeadline(timeout: .milliseconds(300)))
        }
        #expect(MonotonicClock.now - start >= 250_000_000)
        guard case .held(let heldPath, let pid, _) = error else {
            Issue.record("expected held, got \(String(describing: error))")
            return
        }
        #expect(heldPath == path && pid == getpid())
        #expect(error?.description.contains("process \(getpid())") == true)
        first.release()
        let second = try UpdateLock.acquire(at: path, deadline: HostDeadline(timeout: .seconds(10)))
        second.release()
    }

    @Test("an interruption ends the wait for the lock")
    func interrupted() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/tdxctl.lock"
        let holder = try UpdateLock.acquire(at: path, deadline: HostDeadline(timeout: .seconds(10)))
        defer { holder.release() }
        let deadline = HostDeadline(timeout: .seconds(600))
        deadline.interrupt(by: SIGTERM)
        #expect(throws: UpdateLockError.interrupted(SIGTERM)) {
            try UpdateLock.acquire(at: path, deadline: deadline)
        }
    }

    @Test("a lock path that is a FIFO or a link is not used")
    func hostileLockFile() throws {
        let folder = try TemporaryFolder.make(prefix: "tdx-lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/fifo.lock", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.lock", withDestinationPath: "/etc/passwd")
        for name in ["fifo.lock", "link.lock"] {
            let error = #expect(throws: UpdateLockError.self) {
                try UpdateLock.acquire(at: folder + "/" + name, deadline: HostDeadline(timeout: .seconds(1)))
            }
            guard case .unusable(let path, _, _) = error else {
                Issue.record("expected unusable for \(name), got \(String(describing: error))")
                continue
            }
            #expect(path.hasSuffix(name))
        }
    }
}
