import Foundation
import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension HistoryJournal {
    /// Appends `record` as one line and makes it durable: creates missing folders (0755),
    /// opens the journal `O_RDWR|O_APPEND|O_CREAT|O_CLOEXEC` (0644; read to see its last
    /// byte), writes the whole line with one `write(2)` (preceded by a newline when the file
    /// ends in a torn line), and `fsync(2)`s the file, and its folder when the file is new.
    /// - Throws: ``HistoryFileError`` naming the call and errno; the journal is unchanged
    ///   unless the error came from the write or a sync.
    public func append(_ record: HistoryRecord) throws(HistoryFileError) {
        var line = Self.encodeLine(record)
        try Self.makeDirectory(directory)
        let existed = try Self.fileType(path) != nil
        let descriptor = try call(.open) {
            try FileDescriptor.open(
                FilePath(path), .readWrite, options: [.append, .create, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
        do throws(HistoryFileError) {
            if try endsInTornLine(descriptor) { line.insert(UInt8(ascii: "\n"), at: 0) }
            _ = try call(.write) { try descriptor.writeAll(line) }
            try Self.sync(descriptor, path: path)
        } catch {
            _ = try? descriptor.close()
            throw error
        }
        try call(.close) { try descriptor.close() }
        if !existed { try Self.syncDirectory(directory) }
    }

    /// The record as one line of compact JSON with sorted keys and its newline.
    static func encodeLine(_ record: HistoryRecord) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only a non-finite number fails to encode; every number in a record is finite.
        guard let data = try? encoder.encode(record) else { preconditionFailure("history record did not encode") }
        return Array(data) + [UInt8(ascii: "\n")]
    }

    /// Whether the file is non-empty and its last byte is not a newline.
    private func endsInTornLine(_ descriptor: FileDescriptor) throws(HistoryFileError) -> Bool {
        let size = try call(.stat) { try descriptor.stat().size }
        guard size > 0 else { return false }
        var last: UInt8 = 0
        let count = try call(.read) {
            try withUnsafeMutableBytes(of: &last) { try descriptor.read(fromAbsoluteOffset: size - 1, into: $0) }
        }
        return count == 1 && last != UInt8(ascii: "\n")
    }

    /// Creates `directory` and its missing parents (0755), syncing each parent that gained
    /// an entry.
    static func makeDirectory(_ directory: String) throws(HistoryFileError) {
        switch try fileType(directory) {
        case .directory?: return
        case .some: throw HistoryFileError(path: directory, operation: .createDirectory, errno: .notDirectory)
        case nil: break
        }
        let parent = HistoryJournal(path: directory).directory
        if parent != directory { try makeDirectory(parent) }
        if mkdir(directory, 0o755) != 0 {
            let failure = Errno(rawValue: errno)
            if failure != .fileExists {
                throw HistoryFileError(path: directory, operation: .createDirectory, errno: failure)
            }
        }
        try syncDirectory(parent)
    }

    /// The type of what is at `path`, nil when nothing is.
    static func fileType(_ path: String) throws(HistoryFileError) -> FileType? {
        do {
            return try FilePath(path).stat().type
        } catch .noSuchFileOrDirectory {
            return nil
        } catch {
            throw HistoryFileError(path: path, operation: .stat, errno: error)
        }
    }

    /// Makes a new entry of `directory` durable.
    static func syncDirectory(_ directory: String) throws(HistoryFileError) {
        let descriptor = try call(.open, on: directory) {
            try FileDescriptor.open(FilePath(directory), .readOnly, options: [.directory, .closeOnExec])
        }
        defer { _ = try? descriptor.close() }
        try sync(descriptor, path: directory)
    }

    private static func sync(_ descriptor: FileDescriptor, path: String) throws(HistoryFileError) {
        while fsync(descriptor.rawValue) != 0 {
            let failure = Errno(rawValue: errno)
            if failure != .interrupted { throw HistoryFileError(path: path, operation: .sync, errno: failure) }
        }
    }

    private func call<Value>(
        _ operation: HistoryFileError.Operation, _ body: () throws -> Value
    ) throws(HistoryFileError) -> Value {
        try Self.call(operation, on: path, body)
    }

    static func call<Value>(
        _ operation: HistoryFileError.Operation, on path: String, _ body: () throws -> Value
    ) throws(HistoryFileError) -> Value {
        do {
            return try body()
        } catch {
            // swift-system's calls throw only Errno.
            throw HistoryFileError(path: path, operation: operation, errno: error as? Errno ?? .ioError)
        }
    }
}
