#if FUSE
    import ChildProcess
    import Foundation
    import Testing

    /// How a served host ends: SIGINT/SIGTERM unmount; SIGKILL leaves a dead mount that
    /// `fusermount3 -u` removes.
    @Suite(
        "HostServeTests: the served host's lifetime", .serialized,
        .enabled(if: FUSEAvailability.available, FUSEAvailability.reason),
        .enabled(if: TdxctlBinary.path != nil, "tdxctl is not built"), .timeLimit(.minutes(3)))
    struct LifecycleTests {
        @Test("SIGTERM and SIGINT unmount and exit 0", arguments: [SIGTERM, SIGINT])
        func signalUnmounts(_ signal: Int32) throws {
            let host = try ServedHostProcess(["--cpus", "2", "--tds", "1"])
            defer { host.finish() }
            #expect(MountTable.isMounted(host.mountPoint))
            #expect(host.startup["pid"] as? Int == Int(host.process.pid))
            #expect(host.signal(signal) == 0, "\(host.stderr.all)")
            #expect(!MountTable.isMounted(host.mountPoint))
        }

        @Test("SIGKILL leaves a mount that fusermount3 -u removes")
        func killLeavesMount() throws {
            let host = try ServedHostProcess(["--cpus", "2", "--tds", "1"])
            defer { host.finish() }
            _ = host.signal(SIGKILL)
            #expect(MountTable.isMounted(host.mountPoint))
            let dead = try ChildRun.run("/bin/ls", [host.mountPoint])
            #expect(dead.status != 0)
            #expect(dead.stderr.contains("Transport endpoint is not connected"), "\(dead.stderr)")
            let unmount = try ChildRun.run(try #require(FUSEAvailability.fusermount), ["-u", host.mountPoint])
            #expect(unmount.status == 0, "\(unmount.stderr)")
            #expect(!MountTable.isMounted(host.mountPoint))
        }

        @Test("a mount point that is not a directory is refused with a clear message")
        func badMountPoint() throws {
            let run = try TdxctlBinary.run(["host", "serve", "--mount", "/nonexistent/served-root", "--cpus", "1"])
            #expect(run.status == 1)
            #expect(run.stderr.contains("/nonexistent/served-root"), "\(run.stderr)")
        }
    }
#endif
