import Logging
import SystemSupport

/// Host files that log every read, write, existence check and listing at debug level
/// (path, byte count or errno), around any other `HostFiles`: `--log-level debug` shows
/// exactly what the tool asked of the kernel and what it answered.
public struct LoggingHostFiles: HostFiles {
    /// The files that do the work.
    public let base: any HostFiles
    /// Where the lines go.
    public let logger: Logger

    /// Logs every operation on `base` to `logger`.
    public init(_ base: any HostFiles, logger: Logger) {
        self.base = base
        self.logger = logger
    }

    public func read(_ path: String) throws(HostFileError) -> [UInt8] {
        do {
            let bytes = try base.read(path)
            logger.debug("read \(path): \(bytes.count) bytes \(Self.preview(bytes))")
            return bytes
        } catch {
            logger.debug("read \(path): \(error.errno.name)")
            throw error
        }
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        do {
            try base.write(path, bytes)
            logger.debug("write \(path): \(bytes.count) bytes \(Self.preview(bytes))")
        } catch {
            logger.debug("write \(path): \(bytes.count) bytes: \(error.errno.name)")
            throw error
        }
    }

    public func exists(_ path: String) -> Bool {
        let found = base.exists(path)
        logger.trace("exists \(path): \(found)")
        return found
    }

    public func list(_ directory: String) throws(HostFileError) -> [String] {
        do {
            let names = try base.list(directory)
            logger.debug("list \(directory): \(names.count) entries")
            return names
        } catch {
            logger.debug("list \(directory): \(error.errno.name)")
            throw error
        }
    }

    public func checkFile(_ path: String) throws(HostFileError) {
        do {
            try base.checkFile(path)
            logger.trace("check \(path): a file")
        } catch {
            logger.debug("check \(path): \(error.errno.name)")
            throw error
        }
    }

    /// The base's own grace files, still logged (a decorator must pass this on, or the
    /// base's deadline would be lost).
    public func withGrace(_ grace: Duration) -> any HostFiles {
        LoggingHostFiles(base.withGrace(grace), logger: logger)
    }

    /// Short text content in quotes ("1.5.08"); nothing for binary or long content.
    private static func preview(_ bytes: [UInt8]) -> String {
        guard bytes.count <= 64, bytes.allSatisfy({ $0 == 0x0A || (0x20..<0x7F).contains($0) }) else { return "" }
        return String(decoding: bytes, as: UTF8.self).trimmingEdges().debugDescription
    }
}
