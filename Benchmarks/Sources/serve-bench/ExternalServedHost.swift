#if FUSE
    import BenchSupport
    import Foundation

    #if canImport(Glibc)
        import Glibc
    #endif

    /// `tdxctl host serve` as a process of its own, as clients meet it: started with a
    /// mount point, ready once it prints its start-up line, ended with SIGTERM (it unmounts).
    final class ExternalServedHost {
        private let pid: pid_t
        private var ended = false

        /// Starts `tdxctl` serving at `mountPoint`; returns once it said it serves.
        init(tdxctl: String, mountPoint: String, arguments: [String]) throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw BenchError.input(path: tdxctl, reason: "pipe failed") }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
            posix_spawn_file_actions_addclose(&actions, ends[0])
            let argv = [tdxctl, "host", "serve", "--mount", mountPoint, "--json"] + arguments
            var cArguments = argv.map { strdup($0) } + [nil]
            defer { cArguments.forEach { free($0) } }
            var child: pid_t = 0
            let spawned = posix_spawn(&child, tdxctl, &actions, nil, &cArguments, environ)
            close(ends[1])
            guard spawned == 0 else {
                close(ends[0])
                throw BenchError.input(path: tdxctl, reason: String(cString: strerror(spawned)))
            }
            pid = child
            defer { close(ends[0]) }
            // The start-up line is printed once the mount is up; EOF means it failed.
            var line: [UInt8] = []
            var byte: UInt8 = 0
            while read(ends[0], &byte, 1) == 1, byte != UInt8(ascii: "\n") { line.append(byte) }
            guard line.first == UInt8(ascii: "{") else {
                stop()
                throw BenchError.input(
                    path: tdxctl, reason: "host serve did not start: \(String(decoding: line, as: UTF8.self))")
            }
        }

        /// SIGTERM, then waits for the process (it unmounts before it exits).
        func stop() {
            guard !ended else { return }
            ended = true
            kill(pid, SIGTERM)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }

        deinit { stop() }
    }
#endif
