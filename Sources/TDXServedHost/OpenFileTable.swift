#if FUSE
    import SystemSupport

    /// The files clients hold open on a served host, by handle, each with the content its
    /// last read at offset 0 saw.
    ///
    /// sysfs produces an attribute's whole text when a reader starts at offset 0 and serves
    /// later offsets from that same text, so `cat status` never glues two states together
    /// ("idle" then "ving"). A served file does the same per open file.
    final class OpenFileTable: @unchecked Sendable {
        private struct OpenFile {
            let path: String
            var snapshot: [UInt8]?
        }

        private let lock = ThreadLock()
        private var files: [UInt64: OpenFile] = [:]
        private var nextHandle: UInt64 = 1

        /// Registers an open of `path`; returns its handle.
        func open(_ path: String) -> UInt64 {
            lock.withLock {
                let handle = nextHandle
                nextHandle += 1
                files[handle] = OpenFile(path: path, snapshot: nil)
                return handle
            }
        }

        /// The content for a read at `offset`: a fresh one from `produce` at offset 0 (or
        /// when none was taken yet), else the one the read at 0 took.
        func content<Failure: Error>(
            _ handle: UInt64, offset: Int, produce: () throws(Failure) -> [UInt8]
        ) throws(Failure) -> [UInt8] {
            if offset > 0, let snapshot = lock.withLock({ files[handle]?.snapshot }) { return snapshot }
            let fresh = try produce()
            lock.withLock { files[handle]?.snapshot = fresh }
            return fresh
        }

        /// Forgets a closed file.
        func release(_ handle: UInt64) {
            _ = lock.withLock { files.removeValue(forKey: handle) }
        }

        /// How many files are open now.
        var count: Int { lock.withLock { files.count } }
    }
#endif
