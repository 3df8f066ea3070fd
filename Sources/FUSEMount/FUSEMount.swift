#if FUSE
    import CFuseBridge
    import Synchronization
    import SystemPackage
    import SystemSupport

    #if canImport(Glibc)
        import Glibc
    #endif

    /// A ``FUSEFileSystem`` mounted at a directory and served on threads of its own until
    /// ``stop(timeout:)`` (or an unmount from outside) ends it.
    ///
    /// libfuse speaks the FUSE protocol; this type owns one libfuse session: it mounts in
    /// `init`, runs libfuse's multi-threaded loop on its own thread, and on `stop` ends the
    /// session, unmounts (lazily: a mount point still in use is detached at once) and waits
    /// for the loop to finish. A process killed before `stop` leaves a dead mount that
    /// `fusermount3 -u DIR` removes.
    public final class FUSEMount: Sendable {
        /// The directory the tree is mounted at.
        public let mountPoint: String
        private let session: Session
        /// Swift's own reference, kept for the mount's lifetime: ``isServing`` reads it after
        /// ``stop(timeout:)`` too.
        private let context: Context
        /// The reference libfuse's callbacks hold; given back when the session is destroyed,
        /// never while a request handler may still run.
        private let contextForCallbacks: Unmanaged<Context>
        private let lock = ThreadLock()
        private nonisolated(unsafe) var lifecycle = Lifecycle.serving

        private enum Lifecycle {
            case serving
            case stopped(loopEnded: Bool)
        }

        /// What the C callbacks reach through their context pointer.
        final class Context: Sendable {
            let fileSystem: any FUSEFileSystem
            let onLoopEnd: @Sendable () -> Void
            let loopEnded = Atomic<Bool>(false)

            init(fileSystem: any FUSEFileSystem, onLoopEnd: @escaping @Sendable () -> Void) {
                self.fileSystem = fileSystem
                self.onLoopEnd = onLoopEnd
            }
        }

        /// The libfuse session pointer; libfuse allows its calls from any thread.
        private struct Session: @unchecked Sendable {
            let pointer: OpaquePointer
        }

        /// Mounts `fileSystem` at `mountPoint` and starts serving. `onLoopEnd` runs (on the
        /// serving thread) when serving ends for any reason, e.g. `fusermount3 -u`.
        public init(
            mountPoint: String, fileSystem: some FUSEFileSystem, options: FUSEMountOptions = FUSEMountOptions(),
            onLoopEnd: @escaping @Sendable () -> Void = {}
        ) throws(FUSEMountError) {
            var status = stat()
            guard stat(mountPoint, &status) == 0 else {
                throw .mountPointUnusable(path: mountPoint, reason: Errno(rawValue: errno).description)
            }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw .mountPointUnusable(path: mountPoint, reason: "not a directory")
            }
            let context = Unmanaged.passRetained(Context(fileSystem: fileSystem, onLoopEnd: onLoopEnd))
            var callbacks = FUSECallbacks.table
            var message = [CChar](repeating: 0, count: 512)
            let mounted = message.withUnsafeMutableBufferPointer { buffer in
                tdx_fuse_mount_new(
                    mountPoint, options.libfuseOptions, &callbacks, context.toOpaque(), buffer.baseAddress,
                    buffer.count)
            }
            guard let mounted else {
                context.release()
                let detail = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw .mountFailed(path: mountPoint, detail: detail)
            }
            let started = tdx_fuse_mount_start(mounted, UInt32(max(1, options.maxThreads))) { raw in
                guard let raw else { return }
                let context = Unmanaged<Context>.fromOpaque(raw).takeUnretainedValue()
                context.loopEnded.store(true, ordering: .releasing)
                context.onLoopEnd()
            }
            guard started == 0 else {
                _ = tdx_fuse_mount_stop(mounted, 0)
                tdx_fuse_mount_destroy(mounted)
                context.release()
                throw .threadFailed(errno: -started)
            }
            self.mountPoint = mountPoint
            self.session = Session(pointer: mounted)
            self.context = context.takeUnretainedValue()
            self.contextForCallbacks = context
        }

        /// Whether requests are still being served.
        public var isServing: Bool {
            !context.loopEnded.load(ordering: .acquiring)
        }

        /// Drops what the kernel caches of `path` (pages and attributes), so that the next
        /// read reaches the file system: call it once the content of a file opened with
        /// ``FUSEOpenFile/cachesPages`` has changed, and before anyone is told so. Returns
        /// after the kernel dropped it (a read in flight finishes first); does nothing once
        /// the mount is stopped.
        public func invalidate(_ path: String) {
            lock.withLock {
                guard case .serving = lifecycle else { return }
                // An error here means the session is gone (unmounted from outside): nothing
                // is cached any more.
                _ = tdx_fuse_mount_invalidate(session.pointer, path)
            }
        }

        /// Ends serving and unmounts; waits up to `timeout` for requests in progress to
        /// finish. Returns false when one is still running (a handler that never returns):
        /// the mount is gone all the same, but the session is left allocated for it.
        /// Idempotent; later calls return the first call's result.
        @discardableResult
        public func stop(timeout: Duration = .seconds(5)) -> Bool {
            lock.withLock {
                if case .stopped(let loopEnded) = lifecycle { return loopEnded }
                let (seconds, attoseconds) = timeout.components
                let milliseconds = max(0, seconds) * 1000 + attoseconds / 1_000_000_000_000_000
                let ended = tdx_fuse_mount_stop(session.pointer, milliseconds) == 0
                if ended {
                    tdx_fuse_mount_destroy(session.pointer)
                    contextForCallbacks.release()
                }
                lifecycle = .stopped(loopEnded: ended)
                return ended
            }
        }

        deinit {
            stop()
        }
    }

    /// A mirror with the mount point only: the rest is shared with libfuse's threads, so a
    /// reflection (a failed test expectation prints one) must not read it unlocked.
    extension FUSEMount: CustomReflectable {
        public var customMirror: Mirror { Mirror(self, children: ["mountPoint": mountPoint]) }
    }
#endif
