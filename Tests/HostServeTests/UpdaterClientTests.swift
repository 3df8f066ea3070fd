#if FUSE
    import ChildProcess
    import Foundation
    import SystemPackage
    import Testing

    /// `tdxctl update --root MOUNT`, and clients that misbehave: two at once, one killed
    /// in the middle of writing `data`.
    @Suite(
        "HostServeTests: tdxctl update and other clients on the served host", .serialized,
        .enabled(if: FUSEAvailability.available, FUSEAvailability.reason),
        .enabled(if: TdxctlBinary.path != nil, "tdxctl is not built"), .timeLimit(.minutes(5)))
    struct UpdaterClientTests {
        static let firmware = "/sys/class/firmware/tdx_module"
        static let version = "/sys/devices/faux/tdx_host/version"

        @Test(
            "Intel's images: update a host running 1.5.06 to the newest eligible; a second run installs nothing",
            .enabled(if: IntelBinaries.folder != nil, "Intel's module binaries are absent"))
        func intelImages() throws {
            let images = try #require(IntelBinaries.folder)
            let host = try ServedHostProcess(["--cpus", "4", "--tds", "2", "--images", images, "--from", "1.5.06"])
            defer { host.finish() }
            #expect(host.startup["module_version"] as? String == "1.5.06")

            let first = try TdxctlBinary.run(["update", "--root", host.mountPoint, "--images", images, "--json"])
            let report = try first.json()
            #expect(first.status == 0, "\(first.stdout) \(first.stderr)")
            #expect(report["result"] as? String == "completed")
            let target = try #require(report["target"] as? String)
            #expect(report["version_after"] as? String == target)
            #expect(host.text(Self.version) == target)
            #expect(target.compare("1.5.06", options: .numeric) == .orderedDescending)

            let second = try TdxctlBinary.run(["update", "--root", host.mountPoint, "--images", images, "--json"])
            #expect(second.status == 10, "\(second.stdout) \(second.stderr)")
            #expect(try second.json()["result"] as? String == "refused")
            #expect(host.text(Self.version) == target)
            #expect(host.text("/sys/devices/faux/tdx_host/num_remaining_updates") == "14")
        }

        @Test("a client killed while writing data installs nothing; the next tdxctl update aborts its load and updates")
        func clientKilledMidData() throws {
            let work = try TemporaryDirectory("killed-client")
            defer { work.remove() }
            let images = try TestImages.folder(in: work, versions: ["1.5.08"])
            let host = try ServedHostProcess(["--cpus", "2", "--tds", "1"])
            defer { host.finish() }
            let firmware = host.path(Self.firmware)
            // Writes loading=1 and 64 KiB of the image through a descriptor it keeps open,
            // says so, then blocks (a builtin `read` on a pipe nobody writes) until killed.
            let client = try ChildProcess(
                "/bin/bash",
                [
                    "-c",
                    """
                    echo 1 > '\(firmware)/loading' || exit 3
                    exec 3> '\(firmware)/data'
                    head -c 65536 '\(TestImages.path(images, "1.5.08"))' >&3 || exit 4
                    echo written
                    read -r -t 600 line
                    """,
                ], input: .pipe)
            #expect(client.stdout.waitForLine { $0 == "written" } != nil, "the client never wrote its part")
            client.signal(SIGKILL)
            _ = client.wait()

            #expect(host.text(Self.firmware + "/loading") == "1", "the load is left open")
            #expect(host.text(Self.firmware + "/status") == "idle")
            #expect(host.text(Self.version) == "1.5.06", "nothing was installed")

            let run = try TdxctlBinary.run([
                "update", "--root", host.mountPoint, "--images", images, "--trust", "test", "--json",
            ])
            let report = try run.json()
            #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
            let abandoned = try #require(report["abandoned_upload"] as? [String: Any], "\(run.stdout)")
            #expect(abandoned["aborted"] as? Bool == true)
            #expect(report["version_after"] as? String == "1.5.08")
            #expect(host.text(Self.version) == "1.5.08")
            #expect(host.text(Self.firmware + "/loading") == "0")
        }

        /// Writes `text` to a served file with one write(2); returns the errno on failure.
        static func store(_ path: String, _ bytes: [UInt8]) -> Errno? {
            do {
                let descriptor = try FileDescriptor.open(path, .writeOnly)
                defer { try? descriptor.close() }
                _ = try bytes.withUnsafeBytes { try descriptor.writeAll($0) }
                return nil
            } catch {
                return error as? Errno ?? .ioError
            }
        }

        @Test("two clients upload at once: the second hand-over gets EBUSY, the host stays consistent")
        func twoClientsAtOnce() throws {
            let work = try TemporaryDirectory("two-clients")
            defer { work.remove() }
            let images = try TestImages.folder(in: work, versions: ["1.5.08"])
            let image = try Array(Data(contentsOf: URL(fileURLWithPath: TestImages.path(images, "1.5.08"))))
            // Many CPUs make each update long enough for the second client to arrive during it.
            let host = try ServedHostProcess(["--cpus", "64", "--tds", "4", "--remaining", "60"])
            defer { host.finish() }
            let firmware = host.path(Self.firmware)
            var busy = 0
            var updates = 0
            for _ in 0..<20 where busy == 0 {
                // Client A hands an image over; the kernel's worker starts the update.
                #expect(Self.store(firmware + "/loading", Array("1".utf8)) == nil)
                #expect(Self.store(firmware + "/data", image) == nil)
                #expect(Self.store(firmware + "/loading", Array("0".utf8)) == nil)
                updates += 1
                // Client B does the same at once.
                #expect(Self.store(firmware + "/loading", Array("1".utf8)) == nil)
                #expect(Self.store(firmware + "/data", image) == nil)
                switch Self.store(firmware + "/loading", Array("0".utf8)) {
                case .resourceBusy?:
                    busy += 1
                    #expect(host.text(Self.firmware + "/loading") == "0", "the refused load was dropped")
                case nil:
                    updates += 1
                case let other?:
                    Issue.record("unexpected errno \(other)")
                }
                #expect(host.waitForIdle(Self.firmware))
            }
            #expect(busy == 1, "no hand-over ever met a running update")
            #expect(host.text(Self.firmware + "/error") == "")
            #expect(host.text(Self.version) == "1.5.08")
            #expect(host.text("/sys/devices/faux/tdx_host/num_remaining_updates") == "\(60 - updates)")
        }
    }
#endif
