#if FUSE
    import FUSEMount
    import Logging
    import TDXHost

    /// A running simulated host whose kernel files are mounted at a directory: what
    /// `tdxctl host serve` runs. The mount's root stands for the host's "/", so `tdxctl
    /// update --root DIR` and any script with DIR before its paths work unchanged.
    public final class ServedHost: Sendable {
        /// The simulated host.
        public let host: SimulatedHost
        /// The files as served (open-file bookkeeping included).
        public let fileSystem: ServedFileSystem
        /// The mount.
        public let mount: FUSEMount

        /// Mounts `host`'s files at `mountPoint`; `onUnmount` runs when serving ends for any
        /// reason (also an unmount from outside).
        public init(
            host: SimulatedHost, mountPoint: String,
            logger: Logger = Logger(label: "tdx-served-host", factory: { _ in SwiftLogNoOpLogHandler() }),
            onUnmount: @escaping @Sendable () -> Void = {}
        ) throws(FUSEMountError) {
            self.host = host
            let fileSystem = ServedFileSystem(files: host.sysfs, logger: logger)
            self.fileSystem = fileSystem
            var options = FUSEMountOptions()
            options.fileSystemName = "tdx-host"
            options.subtype = "tdx-host"
            let mount = try FUSEMount(
                mountPoint: mountPoint, fileSystem: fileSystem, options: options, onLoopEnd: onUnmount)
            self.mount = mount
            // On the kernel's worker, before the upload reads idle: whoever sees the update
            // end reads the new attributes. After stop, invalidate does nothing.
            host.kernel.observeUpdates { _ in
                for path in fileSystem.cachedPaths { mount.invalidate(path) }
            }
        }

        /// Whether an update is running right now (the upload is past `receiving`); after a
        /// `hang` fault it never stops running.
        public var updateInProgress: Bool { host.sysfs.upload.progress != .idle }

        /// Unmounts, then stops the host's threads unless an update is stuck in them (a
        /// hung firmware call: joining would never return; the process exit ends them).
        /// Returns whether the mount's request handlers all finished within `timeout`.
        @discardableResult
        public func stop(timeout: Duration = .seconds(3)) -> Bool {
            let finished = mount.stop(timeout: timeout)
            if !updateInProgress { host.shutdown() }
            return finished
        }
    }
#endif
