import Foundation
import Lockstep
import SystemSupport
import TDXImage
import TDXSysfs
import Testing

@testable import TDXHost

/// The host settings a served host exposes as options: paced TD calls, the P-SEAMLDR's
/// version, a host without update support, the legacy layout's v1 images, observers of
/// updates and of the watchdog, and a firmware call that never returns.
@Suite("Host settings for a served host", .timeLimit(.minutes(3)))
struct ServedHostKnobTests {
    @Test("paced TDs make at most their rate of calls, and still progress")
    func pacedWorkloads() throws {
        let host = try Fixtures.host(cpus: 2, tds: 2) { $0.tdCallsPerSecond = 100 }
        defer { host.shutdown() }
        let before = host.workloads.progress
        let start = MonotonicClock.now
        host.startWorkloads()
        #expect(host.workloads.waitForProgress(since: before, calls: 3, timeout: .seconds(30)))
        let progress = host.workloads.stop()
        let elapsed = Double(MonotonicClock.now - start) / 1e9
        for td in progress {
            // 100 calls a second, the first at once: never more than that, whatever the load.
            #expect(
                Double(td.successfulCalls) <= elapsed * 100 + 2, "td\(td.td): \(td.successfulCalls) in \(elapsed) s")
        }
    }

    @Test("seamldr_version reports the configured P-SEAMLDR version")
    func seamldrVersion() throws {
        let host = try Fixtures.host(cpus: 1, tds: 0) {
            $0.seamldrVersion = ModuleVersion(major: 1, minor: 5, update: 2)
        }
        defer { host.shutdown() }
        #expect(host.sysfsText(HostPaths.seamldrVersion) == "1.5.02\n")
    }

    @Test("without update support only version is published")
    func noUpdateSupport() throws {
        let host = try Fixtures.host(cpus: 1, tds: 0) { $0.updateSupport = false }
        defer { host.shutdown() }
        #expect(try host.sysfs.list(HostPaths.tdxHost) == ["version"])
        #expect(!host.sysfs.exists(HostPaths.firmwareClass + "/tdx_module"))
        #expect(host.sysfsText(HostPaths.cpusPossible) == "0\n")
    }

    @Test("the files only an update changes: the tdx_host attributes visible, in each layout")
    func updateOnlyPaths() throws {
        let mainline = try Fixtures.host(cpus: 1, tds: 0)
        defer { mainline.shutdown() }
        #expect(
            mainline.sysfs.updateOnlyPaths.sorted()
                == [
                    HostPaths.remainingUpdates, HostPaths.seamldrVersion, HostPaths.moduleVersion,
                ].sorted())
        let legacy = try Fixtures.host(cpus: 1, tds: 0) { $0.kernel.layout = .legacy }
        defer { legacy.shutdown() }
        #expect(
            legacy.sysfs.updateOnlyPaths.sorted()
                == [
                    HostPaths.moduleVersion, HostPaths.tdxHost + "/seamldr/version",
                    HostPaths.tdxHost + "/seamldr/num_remaining_updates",
                ].sorted())
        let without = try Fixtures.host(cpus: 1, tds: 0) { $0.updateSupport = false }
        defer { without.shutdown() }
        #expect(without.sysfs.updateOnlyPaths == [HostPaths.moduleVersion])
    }

    @Test("the legacy layout's kernel takes a v1 blob; mainline refuses it")
    func legacyTakesV1() throws {
        let blob = try TestImageSigner().makeImage(
            version: ModuleVersion(major: 1, minor: 5, update: 8), svn: 0x0105, cpuidTable: [BuiltinImages.cpuidEAX],
            modulePages: 2, format: .v1
        ).bytes
        let legacy = try Fixtures.host(cpus: 2, tds: 1) { $0.kernel.layout = .legacy }
        defer { legacy.shutdown() }
        #expect(legacy.update(imageBytes: blob).outcome == .completed)
        let mainline = try Fixtures.host(cpus: 2, tds: 1)
        defer { mainline.shutdown() }
        let refused = mainline.update(imageBytes: blob)
        #expect(refused.refused)
    }

    @Test("observers see each update before the upload returns to idle")
    func updateObserver() throws {
        let host = try Fixtures.host(cpus: 2, tds: 1)
        defer { host.shutdown() }
        let seen = ThreadLock()
        nonisolated(unsafe) var statuses: [String] = []
        host.kernel.observeUpdates { attempt in
            let status = String(
                decoding: (try? host.sysfs.read(HostPaths.firmwareClass + "/tdx_module/status")) ?? [], as: UTF8.self)
            seen.withLock { statuses.append("\(attempt.outcome.rawValue) \(status)") }
        }
        try host.upload(Fixtures.v1_5_08)
        #expect(seen.withLock { statuses } == ["completed transferring\n"])
    }

    @Test("a hung call: the watchdog names the CPU and the update never ends")
    func hungCall() throws {
        let host = try Fixtures.host(cpus: 2, tds: 1) {
            $0.faults = [StepFault(step: .install, cpu: 1, hangs: true)]
            $0.kernel.watchdog = .milliseconds(50)
        }
        // The stuck stopper thread cannot be joined: this host is left to the process's end.
        let lock = ThreadLock()
        nonisolated(unsafe) var named: [Int] = []
        host.kernel.observeWatchdog { event in
            lock.withLock {
                named.append(event.cpu)
                lock.broadcast()
            }
        }
        let directory = HostPaths.firmwareClass + "/tdx_module"
        try host.sysfs.writeText(directory + "/loading", "1")
        try host.sysfs.write(directory + "/data", Fixtures.v1_5_08)
        try host.sysfs.writeText(directory + "/loading", "0")
        let sawCPU1 = lock.withLock { lock.wait(until: MonotonicClock.now + 30_000_000_000) { named.contains(1) } }
        #expect(sawCPU1)
        #expect(host.sysfsText(directory + "/status") == "transferring\n")
        #expect(!host.sysfs.upload.waitUntilIdle(timeout: .milliseconds(200)))
    }
}
