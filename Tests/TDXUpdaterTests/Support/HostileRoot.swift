import Foundation
import Glibc
import TDXSysfs
import Testing

/// The files of a host root and the ways a hostile (or broken) host can present each one,
/// for the hostile-root suite.
enum HostileRoot {
    /// The two interface generations the suite covers.
    enum Layout: String, CaseIterable, Sendable {
        /// Linux 7.2: `tdx_host/seamldr_version`, `class/firmware/tdx_module`.
        case mainline
        /// Series v3 (Intel's script): `tdx_host/seamldr/`, `class/firmware/seamldr_upload`.
        case legacy

        var description: HostDescription {
            var host = HostDescription()
            host.layout = self == .mainline ? .mainline : .seamldrUpload
            return host
        }

        var firmware: String {
            "/sys/class/firmware/" + (self == .mainline ? "tdx_module" : "seamldr_upload")
        }
    }

    /// Every file of a host root the tool might touch.
    enum File: String, CaseIterable, Sendable {
        case cpuinfo, online, present, version, seamldrVersion, remainingUpdates
        case loading, data, status, error, remainingSize, cancel

        func path(_ layout: Layout) -> String {
            let legacy = layout == .legacy
            switch self {
            case .cpuinfo: return HostPaths.cpuinfo
            case .online: return HostPaths.cpusOnline
            case .present: return HostPaths.cpusPresent
            case .version: return HostPaths.moduleVersion
            case .seamldrVersion: return legacy ? HostPaths.legacySeamldrVersion : HostPaths.seamldrVersion
            case .remainingUpdates: return legacy ? HostPaths.legacyRemainingUpdates : HostPaths.remainingUpdates
            case .loading: return layout.firmware + "/loading"
            case .data: return layout.firmware + "/data"
            case .status: return layout.firmware + "/status"
            case .error: return layout.firmware + "/error"
            case .remainingSize: return layout.firmware + "/remaining_size"
            case .cancel: return layout.firmware + "/cancel"
            }
        }

        /// Files whose content the checks read (the upload files `loading` and `data` are
        /// only checked to be regular files; `remaining_size` is read only while an upload
        /// runs, `cancel` never).
        var contentIsChecked: Bool {
            [.cpuinfo, .online, .present, .version, .seamldrVersion, .remainingUpdates, .status].contains(self)
        }

        /// Files whose kind (regular file or not) the checks look at.
        var kindIsChecked: Bool { ![.remainingSize, .cancel].contains(self) }
    }

    /// What is done to the file.
    enum Mutation: String, CaseIterable, Sendable {
        case missing, empty, junk, huge, directory, fifo
        case symlinkLoop = "symlink-loop"
        case symlinkToBigFile = "symlink-to-big-file"

        /// Whether it changes what kind of thing is at the path (not just its content).
        var changesKind: Bool { ![.empty, .junk, .huge].contains(self) }
    }

    /// Applies `mutation` to the host file at `hostPath` under `root`.
    static func apply(_ mutation: Mutation, to hostPath: String, under root: String) throws {
        let path = root + hostPath
        try? FileManager.default.removeItem(atPath: path)
        switch mutation {
        case .missing: break
        case .empty: try Data().write(to: URL(fileURLWithPath: path))
        case .junk:
            // Text with control characters and line breaks, as a broken driver might print.
            let junk = (0..<40).map { "\u{1B}[31mjunk\t\($0)\u{7}\n" }.joined()
            try Data(junk.utf8).write(to: URL(fileURLWithPath: path))
        case .huge:
            // Beyond what the kernel can publish there: a page for /sys, 32 MiB for /proc.
            let size = hostPath.hasPrefix("/proc/") ? HostPaths.procReadLimit + 4096 : 1 << 20
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect(truncate(path, off_t(size)) == 0)
        case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .fifo: #expect(mkfifo(path, 0o644) == 0)
        case .symlinkLoop: #expect(symlink(path, path) == 0)
        case .symlinkToBigFile:
            let big = root + "/big-file"
            if !FileManager.default.fileExists(atPath: big) {
                #expect(FileManager.default.createFile(atPath: big, contents: nil))
                #expect(truncate(big, 200 << 20) == 0)
            }
            #expect(symlink(big, path) == 0)
        }
    }

    /// What `lstat` and the content say about a path: to prove a command wrote nothing.
    struct Snapshot: Equatable, CustomStringConvertible {
        let exists: Bool
        let mode: mode_t
        let size: off_t
        let modified: timespec
        let content: [UInt8]?

        init(_ path: String) {
            var status = stat()
            exists = lstat(path, &status) == 0
            mode = status.st_mode
            size = status.st_size
            modified = status.st_mtim
            // Regular files only, and only what is small: never open a FIFO or a device.
            if exists, status.st_mode & S_IFMT == S_IFREG, status.st_size <= 1 << 20 {
                content = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) }
            } else {
                content = nil
            }
        }

        static func == (left: Snapshot, right: Snapshot) -> Bool {
            left.exists == right.exists && left.mode == right.mode && left.size == right.size
                && left.modified.tv_sec == right.modified.tv_sec && left.modified.tv_nsec == right.modified.tv_nsec
                && left.content == right.content
        }

        var description: String { exists ? "mode \(String(mode, radix: 8)), \(size) bytes" : "absent" }
    }
}
