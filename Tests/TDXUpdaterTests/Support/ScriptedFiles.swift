import SystemSupport
import TDXSysfs

@testable import TDXUpdater

/// Host files in front of another host that change what some reads return, or run a hook
/// on a write, to play a host that changes between two reads or an operator who presses
/// Ctrl-C at a chosen step. In-process, for the updater's unit tests.
final class ScriptedFiles: HostFiles, @unchecked Sendable {
    let base: any HostFiles
    private let lock = ThreadLock()
    private var reads: [String: Int] = [:]
    /// Content by path and read number (1 = first read); nil passes the read through.
    private let readScript: @Sendable (String, Int) -> String?
    /// Runs before each write reaches `base`.
    private let beforeWrite: @Sendable (String, [UInt8]) -> Void

    init(
        _ base: any HostFiles, reads: @escaping @Sendable (String, Int) -> String? = { _, _ in nil },
        beforeWrite: @escaping @Sendable (String, [UInt8]) -> Void = { _, _ in }
    ) {
        self.base = base
        readScript = reads
        self.beforeWrite = beforeWrite
    }

    func read(_ path: String) throws(HostFileError) -> [UInt8] {
        let count = lock.withLock {
            reads[path, default: 0] += 1
            return reads[path]!
        }
        if let text = readScript(path, count) { return Array(text.utf8) }
        return try base.read(path)
    }

    func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        beforeWrite(path, bytes)
        try base.write(path, bytes)
    }

    func exists(_ path: String) -> Bool { base.exists(path) }
    func list(_ directory: String) throws(HostFileError) -> [String] { try base.list(directory) }
}
