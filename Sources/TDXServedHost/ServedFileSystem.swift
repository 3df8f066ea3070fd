#if FUSE
    import FUSEMount
    import Logging
    import SystemPackage
    import TDXHost
    import TDXSysfs

    /// The simulated kernel's files (``HostSysfs``) as a FUSE file tree: the same paths,
    /// modes, contents and errno values, so that a shell, Intel's script or `tdxctl
    /// update --root` see a real host's `/sys` and `/proc` under the mount point.
    ///
    /// The `tdx_host` attributes, whose text only an update changes, open with the kernel's
    /// page cache (a `cat` costs one round trip to this process, the open); ``ServedHost``
    /// drops that cache when an update attempt ends, before the upload reads idle. Their
    /// size is their text's, where sysfs reports 4096: the kernel reads a cached file no
    /// further than its size. Everything else is direct I/O, produced anew on each read.
    ///
    /// Every node is owned by root. With the mount's `default_permissions`, the kernel
    /// itself refuses a user other than root the 0400 P-SEAMLDR attributes and every write
    /// to the upload files (EACCES), as on a real host; `open` then also refuses what
    /// kernfs refuses even root: writing a file without write bits, reading one without
    /// read bits.
    public struct ServedFileSystem: FUSEFileSystem {
        /// The files served.
        public let files: HostSysfs
        /// The files whose reads the kernel caches (``HostSysfs/updateOnlyPaths``); whoever
        /// changes them must call ``FUSEMount/invalidate(_:)`` for each.
        public let cachedPaths: Set<String>
        private let openFiles = OpenFileTable()
        private let logger: Logger

        /// Serves `files`; every open, store and failure is logged to `logger` at debug.
        public init(
            files: HostSysfs,
            logger: Logger = Logger(
                label: "tdx-served-host",
                factory: { _ in
                    SwiftLogNoOpLogHandler()
                })
        ) {
            self.files = files
            self.cachedPaths = Set(files.updateOnlyPaths)
            self.logger = logger
        }

        /// How many files clients hold open right now.
        public var openFileCount: Int { openFiles.count }

        private func entry(_ path: String) throws(Errno) -> HostFileEntry {
            guard let entry = files.entry(path) else { throw .noSuchFileOrDirectory }
            return entry
        }

        public func attributes(of path: String) throws(Errno) -> FUSEAttributes {
            let entry = try entry(path)
            switch entry.kind {
            case .directory:
                return FUSEAttributes(kind: .directory, permissions: entry.permissions, size: 0)
            case .file:
                return FUSEAttributes(kind: .file, permissions: entry.permissions, size: reportedSize(path))
            }
        }

        /// What `stat` reports as the size: a cached attribute's text length (its text
        /// unreadable: 4096); 4096 for another sysfs attribute (its buffer), 0 for the
        /// upload's `data` (a binary attribute of no fixed size) and for procfs files.
        func reportedSize(_ path: String) -> Int {
            if cachedPaths.contains(path) { return (try? files.read(path).count) ?? 4096 }
            if path.hasPrefix("/proc/") || path.hasSuffix("/" + HostPaths.UploadFile.data.name) { return 0 }
            return 4096
        }

        public func entries(of directory: String) throws(Errno) -> [String] {
            do throws(HostFileError) { return try files.list(directory) } catch { throw error.errno }
        }

        public func open(_ path: String, mode: FileDescriptor.AccessMode, truncate: Bool) throws(Errno) -> FUSEOpenFile
        {
            let entry = try entry(path)
            guard entry.kind == .file else { throw .isDirectory }
            let bits = entry.permissions.rawValue
            let writes = mode == .writeOnly || mode == .readWrite
            let reads = mode == .readOnly || mode == .readWrite
            if writes && bits & 0o222 == 0 || reads && bits & 0o444 == 0 {
                logger.debug("open \(path) for \(mode): EACCES (kernfs refuses it)")
                throw .permissionDenied
            }
            logger.debug("open \(path) for \(mode)")
            return FUSEOpenFile(handle: openFiles.open(path), cachesPages: cachedPaths.contains(path))
        }

        public func read(
            _ path: String, handle: UInt64, offset: Int, into buffer: UnsafeMutableRawBufferPointer
        ) throws(Errno) -> Int {
            let content = try openFiles.content(handle, offset: offset) { () throws(Errno) -> [UInt8] in
                do throws(HostFileError) { return try files.read(path) } catch {
                    logger.debug("read \(path): \(error)")
                    throw error.errno
                }
            }
            guard offset < content.count else { return 0 }
            let count = min(buffer.count, content.count - offset)
            content.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
            return count
        }

        public func write(
            _ path: String, handle: UInt64, offset: Int, bytes: UnsafeRawBufferPointer
        ) throws(Errno) -> Int {
            do throws(HostFileError) {
                try files.write(path, Array(bytes), offset: offset)
            } catch {
                logger.debug("write \(bytes.count) bytes at \(offset) to \(path): \(error)")
                throw error.errno
            }
            logger.debug("write \(bytes.count) bytes at \(offset) to \(path)")
            return bytes.count
        }

        /// sysfs ignores truncation of a writable attribute (`echo 1 > loading` truncates
        /// first); nothing else may be truncated.
        public func truncate(_ path: String, size: Int) throws(Errno) {
            let entry = try entry(path)
            guard entry.kind == .file else { throw .isDirectory }
            guard entry.permissions.rawValue & 0o222 != 0 else { throw .permissionDenied }
        }

        public func release(_ path: String, handle: UInt64) {
            openFiles.release(handle)
        }
    }
#endif
