#if FUSE
    /// How ``FUSEMount`` mounts: the libfuse mount options it passes.
    public struct FUSEMountOptions: Sendable, Hashable {
        /// Let the kernel check every access against the modes and owners the file system
        /// reports (`default_permissions`), as it does for sysfs.
        public var kernelChecksPermissions = true
        /// Let users other than the one who mounted reach the mount (`allow_other`; a
        /// mount by a user other than root needs `user_allow_other` in /etc/fuse.conf).
        public var allowOthers = true
        /// The name `mount` and /proc/self/mountinfo show as the source.
        public var fileSystemName = "fuse"
        /// The type suffix: the mount's type reads `fuse.<subtype>`.
        public var subtype = "fuse"
        /// The most worker threads libfuse starts.
        public var maxThreads = 8

        /// The defaults: kernel permission checks, open to other users, 8 workers.
        public init() {}

        /// The comma-separated option string libfuse takes after `-o`.
        public var libfuseOptions: String {
            var options: [String] = []
            if kernelChecksPermissions { options.append("default_permissions") }
            if allowOthers { options.append("allow_other") }
            options.append("fsname=" + Self.escape(fileSystemName))
            options.append("subtype=" + Self.escape(subtype))
            return options.joined(separator: ",")
        }

        /// libfuse splits options at commas and takes a backslash as an escape.
        private static func escape(_ value: String) -> String {
            var escaped = ""
            for character in value {
                if character == "\\" || character == "," { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }
    }
#endif
