import Glibc
import SystemPackage
import SystemSupport

/// What a child writes to one pipe, read on a thread of its own as it comes (so a child
/// never blocks on a full pipe), and waited on by lines or to its end.
public final class OutputCollector: @unchecked Sendable {
    private let lock = ThreadLock()
    private var bytes: [UInt8] = []
    private var ended = false

    init(_ descriptor: FileDescriptor) throws {
        try DetachedThread.start { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count =
                    (try? buffer.withUnsafeMutableBytes { try descriptor.read(into: $0, retryOnInterrupt: true) }) ?? 0
                lock.withLock {
                    if count > 0 { bytes += buffer[0..<count] } else { ended = true }
                    lock.broadcast()
                }
                if count <= 0 { break }
            }
            try? descriptor.close()
        }
    }

    /// Everything so far, as text.
    public var all: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

    /// Waits up to `timeout` for the pipe's end (the child and every child of it closed
    /// it); everything written, or nil when it is still open.
    public func waitForEnd(timeout: Duration) -> String? {
        let deadline = MonotonicClock.deadline(after: timeout)
        return lock.withLock {
            lock.wait(until: deadline) { ended } ? String(decoding: bytes, as: UTF8.self) : nil
        }
    }

    /// Waits up to `timeout` for a complete line that `matches`; returns it, or nil when
    /// the time passes or the output ends first.
    public func waitForLine(timeout: Duration = .seconds(60), _ matches: (Substring) -> Bool) -> String? {
        let deadline = MonotonicClock.deadline(after: timeout)
        return lock.withLock {
            var found: String?
            _ = lock.wait(until: deadline) {
                let text = String(decoding: bytes, as: UTF8.self)
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                lines.removeLast()  // after the last newline: not a complete line yet
                found = lines.first(where: matches).map(String.init)
                return found != nil || ended
            }
            return found
        }
    }

    /// The complete lines so far.
    public var lines: [String] {
        lock.withLock {
            var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeLast()
            return lines.map(String.init)
        }
    }
}

/// No children in a mirror: the bytes grow on the reader thread.
extension OutputCollector: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
