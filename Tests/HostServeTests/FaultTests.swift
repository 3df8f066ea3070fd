#if FUSE
    import ChildProcess
    import Foundation
    import Testing

    /// Faults injected into the served host's next update, seen the only way a real
    /// client sees them: through the files.
    @Suite(
        "HostServeTests: faults seen through the files", .serialized,
        .enabled(if: FUSEAvailability.available, FUSEAvailability.reason),
        .enabled(if: TdxctlBinary.path != nil, "tdxctl is not built"), .timeLimit(.minutes(5)))
    struct FaultTests {
        static let firmware = "/sys/class/firmware/tdx_module"
        static let version = "/sys/devices/faux/tdx_host/version"

        /// A fault at each main step; with `--recover`, a fault past shutdown is repaired.
        static let cases: [(fault: String, recover: Bool, survives: Bool)] = [
            ("shutdown:0", false, true),
            ("install:1", false, false),
            ("init:1", false, false),
            ("restore:0", false, false),
            ("install:1", true, true),
        ]

        @Test("harmless faults leave the old version, fatal ones make version ENXIO", arguments: cases.indices)
        func faultAtStep(_ index: Int) throws {
            let (fault, recover, survives) = Self.cases[index]
            let work = try TemporaryDirectory("fault")
            defer { work.remove() }
            let images = try TestImages.folder(in: work, versions: ["1.5.08"])
            let host = try ServedHostProcess(
                ["--cpus", "2", "--tds", "1", "--inject", fault] + (recover ? ["--recover"] : []))
            defer { host.finish() }
            // Read first, so that the kernel caches it: what follows must not see that copy.
            #expect(try host.read(Self.version).get() == "1.5.06\n")
            let run = try ChildRun.bash(
                shellUpload(firmware: host.path(Self.firmware), image: TestImages.path(images, "1.5.08")),
                timeout: .seconds(120))
            #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
            #expect(run.stdout.hasSuffix("error:transferring:firmware-invalid\n"), "\(fault): \(run.stdout)")
            switch host.read(Self.version) {
            case .success(let text):
                #expect(survives, "\(fault): version still reads \(text)")
                #expect(text == "1.5.06\n")
            case .failure(let failure):
                #expect(!survives, "\(fault): \(failure)")
                #expect(failure.stderr.contains("No such device or address"), "\(failure)")
            }
            #expect(host.signal(SIGTERM) == 0)
        }

        @Test("a hung firmware call: the watchdog names it, the upload stays transferring, SIGTERM still unmounts")
        func hungCall() throws {
            let work = try TemporaryDirectory("hang")
            defer { work.remove() }
            let images = try TestImages.folder(in: work, versions: ["1.5.08"])
            let host = try ServedHostProcess(["--cpus", "2", "--tds", "1", "--inject", "install:1:hang"])
            defer { host.finish() }
            let handOver = try ChildRun.bash(
                """
                F='\(host.path(Self.firmware))'
                echo 1 > "$F/loading" && cat '\(TestImages.path(images, "1.5.08"))' > "$F/data" && echo 0 > "$F/loading"
                """)
            #expect(handOver.status == 0, "\(handOver.stderr)")
            let named = host.stderr.waitForLine(timeout: .seconds(120)) { $0.contains("watchdog: CPU 1") }
            #expect(named != nil, "\(host.stderr.all)")
            #expect(host.text(Self.firmware + "/status") == "transferring")
            #expect(host.signal(SIGTERM, timeout: .seconds(60)) == 0, "\(host.stderr.all)")
            #expect(!MountTable.isMounted(host.mountPoint))
        }
    }
#endif
