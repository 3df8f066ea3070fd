#if FUSE
    import Foundation
    import Testing

    /// Whether this machine can mount FUSE file systems: `/dev/fuse` exists and
    /// `fusermount3` is on the PATH. Tests that mount skip cleanly otherwise.
    enum FUSEAvailability {
        static let fusermount: String? = {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            return path.split(separator: ":").map { "\($0)/fusermount3" }.first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
        }()

        static let available: Bool = FileManager.default.fileExists(atPath: "/dev/fuse") && fusermount != nil

        /// Why mounting tests skip, for the test report.
        static let reason: Comment = "needs /dev/fuse and fusermount3 (apt-get install fuse3)"
    }
#endif
