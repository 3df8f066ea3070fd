import SystemPackage
import SystemSupport

/// The `--trace FILE` of `simulate`, opened before the simulation runs so that a path
/// that cannot be written fails at once, naming the file and the errno, instead of after
/// a whole simulation.
struct TraceFile {
    /// The path as given.
    let path: String
    private let descriptor: FileDescriptor

    /// Creates (or truncates) `path` for writing; never through a link.
    init(path: String) throws(TraceFileError) {
        self.path = path
        do {
            descriptor = try SystemCall.retryingInterrupts { () throws(Errno) -> FileDescriptor in
                try SystemCall.typed {
                    try FileDescriptor.open(
                        FilePath(path), .writeOnly, options: [.create, .truncate, .noFollow, .closeOnExec],
                        permissions: [.ownerReadWrite, .groupRead, .otherRead], retryOnInterrupt: false)
                }
            }
        } catch {
            throw TraceFileError(path: path, errno: error)
        }
    }

    /// Writes `bytes` as the whole file and closes it.
    func write(_ bytes: some Sequence<UInt8>) throws(TraceFileError) {
        do {
            _ = try SystemCall.typed { try descriptor.writeAll(bytes) }
            try SystemCall.typed { try descriptor.close() }
        } catch {
            try? descriptor.close()
            throw TraceFileError(path: path, errno: error)
        }
    }
}

/// A trace file that could not be opened or written: the path and the errno.
struct TraceFileError: Error, CustomStringConvertible {
    let path: String
    let errno: Errno

    var description: String { "cannot write the trace to \(path): \(errno.nameAndText)" }
}
