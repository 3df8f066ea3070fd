#if FUSE
    import ChildProcess
    import Foundation
    import Testing

    /// The served host driven by a shell, the way the kernel's documentation updates a
    /// module: `echo 1 > loading; cat IMAGE > data; echo 0 > loading`, then `status`.
    @Suite(
        "HostServeTests: a shell drives the served host", .serialized,
        .enabled(if: FUSEAvailability.available, FUSEAvailability.reason),
        .enabled(if: TdxctlBinary.path != nil, "tdxctl is not built"), .timeLimit(.minutes(5)))
    struct ShellClientTests {
        static let firmware = "/sys/class/firmware/tdx_module"
        static let tdxHost = "/sys/devices/faux/tdx_host"

        @Test("two updates in a row with the shell's recipe; state carries over; --report after each")
        func shellUpdatesInARow() throws {
            let work = try TemporaryDirectory("shell-client")
            defer { work.remove() }
            let images = try TestImages.folder(in: work, versions: ["1.5.08", "1.5.09"])
            let report = work.path + "/report.json"
            let host = try ServedHostProcess(["--cpus", "4", "--tds", "2", "--report", report])
            defer { host.finish() }
            #expect(host.startup["module_version"] as? String == "1.5.06")
            #expect(host.startup["layout"] as? String == "mainline")
            #expect(host.startup["cpus"] as? Int == 4)
            // Read before the updates, so that the kernel caches them: what follows must not
            // see that copy once the upload reads idle.
            #expect(host.text(Self.tdxHost + "/num_remaining_updates") == "15")
            #expect(host.text(Self.tdxHost + "/version") == "1.5.06")

            for (index, version) in ["1.5.08", "1.5.09"].enumerated() {
                let run = try ChildRun.bash(
                    shellUpload(firmware: host.path(Self.firmware), image: TestImages.path(images, version)),
                    timeout: .seconds(120))
                #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
                #expect(run.stdout.hasSuffix("status:idle\nerror:\n"), "\(run.stdout)")
                #expect(host.text(Self.tdxHost + "/version") == version)
                #expect(host.text(Self.tdxHost + "/num_remaining_updates") == "\(14 - index)")
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report)))
                        as? [String: Any])
                #expect(object["outcome"] as? String == "completed")
                #expect(object["tds_preserved"] as? Bool == true)
                #expect(object["seamcall_overlaps"] as? Int == 0)
                #expect((object["blackout_ns"] as? Int ?? 0) > 0)
                #expect((object["steps"] as? [Any])?.isEmpty == false)
            }
            #expect(host.text(Self.firmware + "/loading") == "0")
            #expect(host.signal(SIGTERM) == 0)
            #expect(!MountTable.isMounted(host.mountPoint))
        }

        @Test("a user other than root reads version, but not the 0400 files, and cannot upload")
        func otherUsersRefused() throws {
            let host = try ServedHostProcess(["--cpus", "2", "--tds", "1"])
            defer { host.finish() }
            let version = try ChildRun.asNobody(["cat", host.path(Self.tdxHost + "/version")])
            #expect(version.status == 0, "\(version.stderr)")
            #expect(version.stdout == "1.5.06\n")
            for file in ["seamldr_version", "num_remaining_updates"] {
                let denied = try ChildRun.asNobody(["cat", host.path(Self.tdxHost + "/" + file)])
                #expect(denied.status != 0)
                #expect(denied.stderr.contains("Permission denied"), "\(file): \(denied.stderr)")
            }
            let upload = try ChildRun.asNobody(["/bin/bash", "-c", "echo 1 > '\(host.path(Self.firmware))/loading'"])
            #expect(upload.status != 0)
            #expect(upload.stderr.contains("Permission denied"), "\(upload.stderr)")
            #expect(host.text(Self.firmware + "/loading") == "0")
            let status = try ChildRun.asNobody(["cat", host.path(Self.firmware + "/status")])
            #expect(status.stdout == "idle\n")
        }

        @Test("the legacy layout (series v3, Intel's script's paths) takes a v1 blob")
        func legacyLayoutTakesV1() throws {
            let work = try TemporaryDirectory("legacy")
            defer { work.remove() }
            let images = try TestImages.folder(in: work, versions: ["1.5.08"], format: .v1)
            let host = try ServedHostProcess(["--cpus", "2", "--tds", "1", "--layout", "legacy"])
            defer { host.finish() }
            #expect(host.startup["layout"] as? String == "legacy")
            let firmware = "/sys/class/firmware/seamldr_upload"
            #expect(FileManager.default.fileExists(atPath: host.path(firmware + "/loading")))
            #expect(!FileManager.default.fileExists(atPath: host.path(Self.firmware)))
            #expect(host.text(Self.tdxHost + "/seamldr/num_remaining_updates") == "15")
            #expect(!FileManager.default.fileExists(atPath: host.path(Self.tdxHost + "/seamldr_version")))
            let run = try ChildRun.bash(
                shellUpload(firmware: host.path(firmware), image: TestImages.path(images, "1.5.08", format: .v1)),
                timeout: .seconds(120))
            #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
            #expect(run.stdout.hasSuffix("error:\n"), "\(run.stdout)")
            #expect(host.text(Self.tdxHost + "/version") == "1.5.08")
            #expect(host.text(Self.tdxHost + "/seamldr/num_remaining_updates") == "14")
        }

        @Test("without update support: only version, no P-SEAMLDR attributes, no upload device")
        func noUpdateSupport() throws {
            let host = try ServedHostProcess(["--cpus", "2", "--tds", "1", "--no-update-support"])
            defer { host.finish() }
            #expect(host.startup["update_support"] as? Bool == false)
            #expect(try FileManager.default.contentsOfDirectory(atPath: host.path(Self.tdxHost)) == ["version"])
            #expect(!FileManager.default.fileExists(atPath: host.path(Self.firmware)))
            let status = try TdxctlBinary.run(["status", "--root", host.mountPoint, "--json"])
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            #expect(object["update_supported"] as? Bool == false, "\(status.stdout)")
        }
    }
#endif
