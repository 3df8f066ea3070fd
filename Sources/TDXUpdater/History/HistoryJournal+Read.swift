import Foundation
import SystemPackage

extension HistoryJournal {
    /// Every whole record, oldest first, with a warning for each line skipped: a last line
    /// without its newline (``HistoryWarning/Kind/tornTail``) and any line that is not a
    /// record (``HistoryWarning/Kind/invalidLine``). A journal that does not exist yet is
    /// empty.
    /// - Throws: ``HistoryFileError`` when the journal exists but cannot be opened or read.
    public func read() throws(HistoryFileError) -> HistoryContents {
        guard let bytes = try readAll() else { return HistoryContents() }
        return Self.parse(bytes, path: path)
    }

    /// The records and warnings in `bytes`, the journal's content.
    static func parse(_ bytes: [UInt8], path: String) -> HistoryContents {
        var contents = HistoryContents()
        let decoder = JSONDecoder()
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? bytes.count
            let line = bytes[start..<end]
            func warn(_ kind: HistoryWarning.Kind, _ reason: String) {
                contents.warnings.append(
                    HistoryWarning(
                        kind: kind, path: path, line: number, offset: start, length: line.count, reason: reason))
            }
            if newline == nil {
                warn(.tornTail, "no newline")
            } else if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                do {
                    contents.records.append(try decoder.decode(HistoryRecord.self, from: Data(line)))
                } catch let error as DecodingError {
                    warn(.invalidLine, Self.reason(error))
                } catch {
                    warn(.invalidLine, "not JSON")
                }
            }
            start = end + 1
        }
        return contents
    }

    /// Why a line did not decode, in words of its own: the key at fault, or "not JSON".
    private static func reason(_ error: DecodingError) -> String {
        func key(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let missing, let context):
            return "missing \"\(key(context.codingPath + [missing]))\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\"\(key(context.codingPath))\" has the wrong type"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "\"\(key(context.codingPath))\" is invalid"
        default:
            return "not JSON"
        }
    }

    /// The whole file, nil when it does not exist.
    private func readAll() throws(HistoryFileError) -> [UInt8]? {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        } catch Errno.noSuchFileOrDirectory {
            return nil
        } catch {
            throw HistoryFileError(path: path, operation: .open, errno: error as? Errno ?? .ioError)
        }
        defer { _ = try? descriptor.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try Self.call(.read, on: path) {
                try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
