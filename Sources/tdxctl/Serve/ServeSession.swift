#if FUSE
    import ArgumentParser
    import Foundation
    import Lockstep
    import TDXHost
    import TDXImage
    import TDXServedHost
    import TDXSysfs

    /// One run of `tdxctl host serve`: build the host, start its TDs, mount its files, say
    /// so, serve until SIGINT/SIGTERM (or an unmount from outside), then unmount and stop.
    struct ServeSession {
        let command: HostServeCommand

        func run() throws {
            // Installed before any thread starts work: a signal then only writes to a pipe.
            let signals = try TerminationSignals()
            var configuration = try command.hostConfiguration()
            let images: ServedImages
            let defaultTrust: TrustPolicy
            guard let from = ModuleVersion(command.from) else { throw ValidationError("--from takes a version") }
            let format: ImageFormat = configuration.kernel.layout.takesV1Blobs ? .v1 : .v2
            if let directory = command.images {
                defaultTrust = .intel
                images = try ServedImages.find(
                    in: directory, from: from, trust: command.trust.flatMap(TrustPolicy.init(argument:)) ?? .intel,
                    format: format)
            } else {
                defaultTrust = .test
                images = try ServedImages.builtin(from: from)
            }
            configuration.kernel.trust = command.trust.flatMap(TrustPolicy.init(argument:)) ?? defaultTrust
            configuration.runningImage = images.running
            configuration.kernel.versionHints.merge(images.versionHints) { current, _ in current }

            let host: SimulatedHost
            do { host = try SimulatedHost(configuration: configuration) } catch {
                throw ServeError.host(error.description)
            }
            host.kernel.observeWatchdog { event in printError("watchdog: \(event)") }
            if let path = command.report {
                let file = AtomicFile(path: path)
                host.kernel.observeUpdates { _ in
                    do {
                        try file.replace(with: try ServedReport.json(host: host))
                    } catch {
                        printError("cannot write the report to \(path): \(error)")
                    }
                }
            }
            host.kernel.observeUpdates { attempt in printError("update: \(ServedReport.summary(attempt))") }
            host.startWorkloads()

            let served: ServedHost
            do {
                served = try ServedHost(host: host, mountPoint: command.mount) { signals.post() }
            } catch {
                host.shutdown()
                throw ServeError.mount(error.description)
            }
            let startup = ServeStartup(
                mount: command.mount, layout: command.layout.rawValue, cpus: host.cpus.count,
                tds: host.workloads.count, moduleVersion: host.kernel.moduleVersion?.description,
                updateSupport: host.kernel.updateInterfaceVisible, pid: getpid())
            if command.json {
                print(try startup.jsonLine())
            } else {
                print(startup.text)
            }
            fflush(nil)

            switch signals.wait() {
            case .signal(let number):
                printError("signal \(number): unmounting \(command.mount)")
            case .posted:
                printError("\(command.mount) was unmounted from outside; stopping")
            }
            let stuck = served.updateInProgress
            if !served.stop() {
                printError("a request was still being served when the mount went away (a reader of a stuck update)")
            }
            if stuck {
                printError("an update was still running (a hung firmware call); its threads end with the process")
            }
        }
    }
#endif
