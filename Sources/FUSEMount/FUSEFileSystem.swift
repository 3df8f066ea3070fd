#if FUSE
    import SystemPackage

    /// A file tree that ``FUSEMount`` serves: every request the kernel sends for the mount
    /// arrives here with the path inside the mount ("/", "/sys/class").
    ///
    /// Each method either succeeds or throws the errno the caller of read(2), write(2) or
    /// open(2) sees. Methods run on libfuse's worker threads, several at once.
    public protocol FUSEFileSystem: Sendable {
        /// What `stat` shows for `path`; ENOENT when nothing is there.
        func attributes(of path: String) throws(Errno) -> FUSEAttributes
        /// The names in directory `path` (without "." and "..").
        func entries(of directory: String) throws(Errno) -> [String]
        /// Opens `path` for `mode`; returns the handle that the later calls for this open
        /// file receive, and whether the kernel may serve its reads from its page cache.
        /// With `default_permissions`, the kernel has already checked the caller against the
        /// file's mode and owner.
        func open(_ path: String, mode: FileDescriptor.AccessMode, truncate: Bool) throws(Errno) -> FUSEOpenFile
        /// Copies up to `buffer.count` bytes from `offset` into `buffer`; returns how many
        /// (0 at the end).
        func read(_ path: String, handle: UInt64, offset: Int, into buffer: UnsafeMutableRawBufferPointer)
            throws(Errno) -> Int
        /// Stores `bytes` at `offset`; returns how many bytes were taken.
        func write(_ path: String, handle: UInt64, offset: Int, bytes: UnsafeRawBufferPointer) throws(Errno) -> Int
        /// Truncation (`>` in a shell, O_TRUNC): sets the size to `size`.
        func truncate(_ path: String, size: Int) throws(Errno)
        /// The last descriptor of an open file was closed (or its process died).
        func release(_ path: String, handle: UInt64)
    }

    /// An open file as ``FUSEFileSystem/open(_:mode:truncate:)`` returns it.
    public struct FUSEOpenFile: Sendable, Hashable {
        /// The value that the later calls for this open file receive.
        public var handle: UInt64
        /// Whether reads may come from the kernel's page cache, kept across opens, instead of
        /// reaching ``FUSEFileSystem/read(_:handle:offset:into:)``: only for a file whose
        /// content changes when its owner says so with ``FUSEMount/invalidate(_:)``. The size
        /// that ``FUSEFileSystem/attributes(of:)`` reports must then be the content's, since
        /// the kernel reads no further. Writes always reach the file system.
        public var cachesPages: Bool

        /// An open file with handle `handle`, its reads cached when `cachesPages`.
        public init(handle: UInt64, cachesPages: Bool = false) {
            self.handle = handle
            self.cachesPages = cachesPages
        }
    }

    /// What `stat` shows for one node of a ``FUSEFileSystem``.
    public struct FUSEAttributes: Sendable, Hashable {
        /// Whether the node is a regular file or a directory.
        public enum Kind: Sendable, Hashable {
            /// A regular file.
            case file
            /// A directory.
            case directory
        }

        /// File or directory.
        public var kind: Kind
        /// Permission bits (0444, 0400, 0644, 0755 ...).
        public var permissions: FilePermissions
        /// Owner user id (0: root).
        public var owner: UInt32
        /// Owner group id (0: root).
        public var group: UInt32
        /// Size in bytes as `stat` reports it (sysfs reports 4096 for every attribute).
        public var size: Int

        /// A node owned by `owner`:`group` (default root).
        public init(kind: Kind, permissions: FilePermissions, owner: UInt32 = 0, group: UInt32 = 0, size: Int) {
            self.kind = kind
            self.permissions = permissions
            self.owner = owner
            self.group = group
            self.size = size
        }
    }
#endif
