#if FUSE
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
            let signals: TerminationSignals
            do { signals = try TerminationSignals() } catch {
                throw CommandFailure(.hostUnusable, "cannot install the SIGINT/SIGTERM handlers: \(error)")
            }
            var configuration = command.hostConfiguration()
            let format: ImageFormat = configuration.kernel.layout.takesV1Blobs ? .v1 : .v2
            let images: ServedImages
            if let directory = command.images {
                do {
                    images = try ServedImages.find(
                        in: directory, from: command.from, trust: command.trust ?? .intel, format: format)
                } catch let error as ServeError {
                    throw CommandFailure(.imageNotFound, error.description, file: directory)
                } catch {
                    throw CommandFailure(.catalogUnusable, "\(error)", file: directory)
                }
            } else {
                do { images = try ServedImages.builtin(from: command.from) } catch {
                    throw CommandFailure(.hostUnusable, "cannot build the running image: \(error)")
                }
            }
            configuration.kernel.trust = command.trust ?? (command.images == nil ? .test : .intel)
            configuration.runningImage = images.running
            configuration.kernel.versionHints.merge(images.versionHints) { current, _ in current }

            let host: SimulatedHost
            do { host = try SimulatedHost(configuration: configuration) } catch {
                throw CommandFailure(.hostUnusable, error.description)
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
                served = try ServedHost(host: host, mountPoint: command.mount, logger: command.common.logger) {
                    signals.post()
                }
            } catch {
                host.shutdown()
                throw CommandFailure(.mountFailed, error.description, file: command.mount)
            }
            let startup = ServeStartup(
                mount: command.mount, layout: command.layout.rawValue, cpus: host.cpus.count,
                tds: host.workloads.count, moduleVersion: host.kernel.moduleVersion?.description,
                updateSupport: host.kernel.updateInterfaceVisible, pid: getpid())
            if command.common.json {
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
