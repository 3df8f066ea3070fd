#if FUSE
    import CFuseBridge
    import SystemPackage

    #if canImport(Glibc)
        import Glibc
    #endif

    /// SIGINT and SIGTERM turned into something an ordinary thread waits for: their
    /// handler only writes the signal's number to a pipe (the self-pipe trick), and
    /// ``wait()`` reads it. No work ever runs inside a signal handler.
    public final class TerminationSignals: Sendable {
        /// Why ``wait()`` returned.
        public enum Reason: Sendable, Equatable {
            /// The process received this signal (SIGINT or SIGTERM).
            case signal(Int32)
            /// ``post()`` was called (e.g. the mount went away).
            case posted
        }

        private let readEnd: FileDescriptor

        /// Installs the handlers for SIGINT and SIGTERM. Call once per process.
        public init() throws(Errno) {
            let signals: [Int32] = [SIGINT, SIGTERM]
            let result = signals.withUnsafeBufferPointer { tdx_signal_pipe_open($0.baseAddress, Int32($0.count)) }
            guard result >= 0 else { throw Errno(rawValue: -result) }
            readEnd = FileDescriptor(rawValue: result)
        }

        /// Wakes ``wait()`` from an ordinary thread.
        public func post() {
            tdx_signal_pipe_post(0)
        }

        /// Blocks until a signal arrives or ``post()`` is called.
        public func wait() -> Reason {
            var byte: UInt8 = 0
            while true {
                do {
                    let count = try withUnsafeMutableBytes(of: &byte) { try readEnd.read(into: $0) }
                    if count == 1 { return byte == 0 ? .posted : .signal(Int32(byte)) }
                    return .posted
                } catch .interrupted {
                    continue
                } catch {
                    return .posted
                }
            }
        }
    }
#endif
