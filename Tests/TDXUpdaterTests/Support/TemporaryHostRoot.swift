import Foundation
import TDXSysfs

@testable import TDXUpdater

/// A host root built in a fresh temporary folder (proc/cpuinfo, sys/...), removed on deinit.
final class TemporaryHostRoot {
    let path: String

    init(_ description: HostDescription) throws {
        path = try TemporaryFolder.make(prefix: "tdx-host-root")
        for (hostPath, content) in description.files {
            try write(hostPath, content)
        }
    }

    var files: RootDirectoryHostFiles { RootDirectoryHostFiles(root: path) }

    func write(_ hostPath: String, _ content: String) throws {
        let full = path + hostPath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: full))
    }

    func remove(_ hostPath: String) throws {
        try FileManager.default.removeItem(atPath: path + hostPath)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum TemporaryFolder {
    static func make(prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
