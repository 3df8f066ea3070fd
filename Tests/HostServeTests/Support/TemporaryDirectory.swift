#if FUSE
    import ChildProcess
    import Foundation

    /// Running a client as another user, for the permission tests.
    extension ChildRun {
        /// Runs `arguments` as user `nobody` (uid and gid 65534, no supplementary groups).
        static func asNobody(_ arguments: [String], timeout: Duration = .seconds(60)) throws -> ChildRun {
            try run(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups"] + arguments, timeout: timeout)
        }
    }

    /// A fresh directory under the temporary folder, removed by `remove()`.
    struct TemporaryDirectory {
        let path: String

        init(_ prefix: String) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            // Other users (the non-root tests) must be able to reach mounts inside.
            chmod(path, 0o755)
        }

        func sub(_ name: String) throws -> String {
            let child = path + "/" + name
            try FileManager.default.createDirectory(atPath: child, withIntermediateDirectories: true)
            return child
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
#endif
