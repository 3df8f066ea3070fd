#if FUSE
    /// Why a file tree could not be mounted.
    public enum FUSEMountError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The mount point is missing or not a directory.
        case mountPointUnusable(path: String, reason: String)
        /// libfuse refused the options or the mount (its own message went to stderr).
        case mountFailed(path: String, detail: String)
        /// The thread that serves requests could not start.
        case threadFailed(errno: Int32)

        public var description: String {
            switch self {
            case .mountPointUnusable(let path, let reason):
                return "cannot mount at \(path): \(reason)"
            case .mountFailed(_, let detail):
                return detail
            case .threadFailed(let errno):
                return "cannot start the thread that serves the mount (errno \(errno))"
            }
        }
    }
#endif
