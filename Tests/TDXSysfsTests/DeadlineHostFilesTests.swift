import Glibc
import SystemPackage
import SystemSupport
import TDXSysfs
import Testing

/// Host files whose reads of `stuck` never return until released (a stuck FUSE server in
/// miniature); everything else answers at once. In-process, for the decorator's unit tests.
private final class StuckFiles: HostFiles, @unchecked Sendable {
    let stuck: String
    private let lock = ThreadLock()
    private var released = false

    init(stuck: String) { self.stuck = stuck }

    func release() {
        lock.withLock {
            released = true
            lock.broadcast()
        }
    }

    func read(_ path: String) throws(HostFileError) -> [UInt8] {
        if path == stuck { lock.withLock { _ = lock.wait { released } } }
        return Array("idle\n".utf8)
    }
    func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        if path == stuck { lock.withLock { _ = lock.wait { released } } }
    }
    func exists(_ path: String) -> Bool { true }
    func list(_ directory: String) throws(HostFileError) -> [String] { [] }
}

@Suite("DeadlineHostFiles: one deadline over every host access")
struct DeadlineHostFilesTests {
    @Test("a stuck read ends at the deadline with ETIMEDOUT naming the file; later calls fail at once")
    func stuckRead() throws {
        let stuck = StuckFiles(stuck: "/sys/class/firmware/tdx_module/status")
        defer { stuck.release() }
        let deadline = HostDeadline(timeout: .milliseconds(200))
        let files = DeadlineHostFiles(stuck, deadline: deadline)
        #expect(try files.readText("/sys/devices/faux/tdx_host/version") == "idle")
        let start = MonotonicClock.now
        let error = #expect(throws: HostFileError.self) { try files.read(stuck.stuck) }
        #expect(error?.errno == .timedOut)
        #expect(error?.path == stuck.stuck)
        #expect(MonotonicClock.now - start >= 150_000_000)
        #expect(deadline.timedOutPath == stuck.stuck)
        let later = #expect(throws: HostFileError.self) { try files.read("/sys/devices/faux/tdx_host/version") }
        #expect(later?.errno == .timedOut)
    }

    @Test("an interruption ends a stuck write at once with EINTR; withGrace still reaches the host")
    func interruption() async throws {
        let stuck = StuckFiles(stuck: "/sys/class/firmware/tdx_module/data")
        defer { stuck.release() }
        let deadline = HostDeadline(timeout: .seconds(600))
        let files = DeadlineHostFiles(stuck, deadline: deadline)
        let writer = Task.detached { () -> HostFileError? in
            do throws(HostFileError) {
                try files.write(stuck.stuck, [1, 2, 3])
                return nil
            } catch {
                return error
            }
        }
        // Interrupt only once the write is waiting on its thread; the wait ends either way.
        while MonotonicClock.now < deadline.end && deadline.interruption == nil {
            try await Task.sleep(for: .milliseconds(20))
            deadline.interrupt(by: SIGINT)
        }
        let error = await writer.value
        #expect(error?.errno == .interrupted)
        #expect(error?.description.contains("SIGINT") == true)
        #expect(throws: HostFileError.self) { try files.read("/sys/devices/faux/tdx_host/version") }
        #expect(try files.withGrace(.seconds(60)).readText("/sys/devices/faux/tdx_host/version") == "idle")
        #expect(deadline.remaining > .seconds(60))
    }

    @Test("an existence check the deadline cuts short answers true, so the read names the file")
    func existsCutShort() {
        let stuck = StuckFiles(stuck: "/sys/devices/faux/tdx_host")
        defer { stuck.release() }
        let files = DeadlineHostFiles(stuck, deadline: HostDeadline(timeout: .zero))
        #expect(files.exists("/sys/devices/faux/tdx_host"))
    }

    @Test("a pause ends after its own duration, long before a far deadline; at the deadline when that is nearer")
    func pause() {
        let far = HostDeadline(timeout: .seconds(600))
        let start = MonotonicClock.now
        #expect(far.pause(.milliseconds(50)) == .done)
        let elapsed = MonotonicClock.now - start
        #expect(elapsed >= 45_000_000 && elapsed < 60_000_000_000)
        let near = HostDeadline(timeout: .milliseconds(50))
        #expect(near.pause(.seconds(600)) == .deadlinePassed)
        let interrupted = HostDeadline(timeout: .seconds(600))
        interrupted.interrupt(by: SIGINT)
        #expect(interrupted.pause(.seconds(600)) == .interrupted(SIGINT))
    }
}
