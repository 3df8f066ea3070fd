import Foundation
import TDXSysfs

#if canImport(Glibc)
    import Glibc
#endif

/// Host roots in a temporary folder: an intact mainline root, one root per (layout, file,
/// mutation), and roots whose CPU lists hold 400 overlapping ranges.
struct RootFarm {
    struct Root {
        let path: String
        let name: String
        /// "intact", "mutated" or "400 ranges".
        let group: String
    }

    static let groups = ["intact", "mutated", "400 ranges"]

    let folder: String
    let images: String
    let roots: [Root]

    static func make() throws -> RootFarm {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-bench-\(UUID().uuidString)")
            .path
        let images = folder + "/images"
        try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
        let big = folder + "/big-file"
        FileManager.default.createFile(atPath: big, contents: nil)
        truncate(big, 200 << 20)
        var roots: [Root] = []
        func root(_ name: String, _ group: String, legacy: Bool) throws -> String {
            let path = folder + "/" + name
            for (hostPath, content) in HostTree.files(legacy: legacy) {
                let full = path + hostPath
                try FileManager.default.createDirectory(
                    atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(content.utf8).write(to: URL(fileURLWithPath: full))
            }
            roots.append(Root(path: path, name: name, group: group))
            return path
        }
        _ = try root("intact", "intact", legacy: false)
        for legacy in [false, true] {
            for (index, hostPath) in HostTree.files(legacy: legacy).keys.sorted().enumerated() {
                for mutation in Mutation.allCases {
                    let name = "\(legacy ? "legacy" : "mainline")-\(index)-\(mutation.rawValue)"
                    let path = try root(name, "mutated", legacy: legacy)
                    try mutation.apply(to: path + hostPath, big: big)
                }
            }
            let ranges = try root("\(legacy ? "legacy" : "mainline")-400-ranges", "400 ranges", legacy: legacy)
            for list in [HostPaths.cpusOnline, HostPaths.cpusPresent] {
                try Data(CPURangeText.fourHundredRanges.utf8).write(to: URL(fileURLWithPath: ranges + list))
            }
        }
        return RootFarm(folder: folder, images: images, roots: roots)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }
}

/// What is done to one file of a root.
enum Mutation: String, CaseIterable {
    case missing, empty, junk, huge, directory, fifo
    case symlinkLoop = "symlink-loop"
    case symlinkToBigFile = "symlink-to-big-file"

    func apply(to path: String, big: String) throws {
        try FileManager.default.removeItem(atPath: path)
        switch self {
        case .missing: break
        case .empty: FileManager.default.createFile(atPath: path, contents: nil)
        case .junk:
            let junk = (0..<40).map { "\u{1B}[31mjunk\t\($0)\u{7}\n" }.joined()
            FileManager.default.createFile(atPath: path, contents: Data(junk.utf8))
        case .huge:
            FileManager.default.createFile(atPath: path, contents: nil)
            truncate(path, off_t(path.contains("/proc/") ? HostPaths.procReadLimit + 4096 : 1 << 20))
        case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .fifo: mkfifo(path, 0o644)
        case .symlinkLoop: symlink(path, path)
        case .symlinkToBigFile: symlink(big, path)
        }
    }
}

/// The files of a 4-CPU host running TDX module 1.5.06: mainline (`tdx_module`) or series
/// v3 (`seamldr/`, `seamldr_upload`).
enum HostTree {
    static func files(legacy: Bool) -> [String: String] {
        var files: [String: String] = [:]
        files[HostPaths.cpuinfo] = (0..<4).map { cpu in
            "processor\t: \(cpu)\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 143\nstepping\t: 8\n"
                + "flags\t\t: fpu vmx tdx_host_platform\n\n"
        }.joined()
        files[HostPaths.cpusOnline] = "0-3\n"
        files[HostPaths.cpusPresent] = "0-3\n"
        files[HostPaths.moduleVersion] = "1.5.06\n"
        files[legacy ? HostPaths.legacySeamldrVersion : HostPaths.seamldrVersion] = "1.5.00\n"
        files[legacy ? HostPaths.legacyRemainingUpdates : HostPaths.remainingUpdates] = "16\n"
        let firmware =
            HostPaths.firmwareClass + "/" + (legacy ? HostPaths.legacyFirmwareName : HostPaths.mainlineFirmwareName)
        for (name, content) in [
            ("loading", "0\n"), ("data", ""), ("status", "idle\n"), ("error", "\n"), ("remaining_size", "0\n"),
            ("cancel", ""),
        ] {
            files[firmware + "/" + name] = content
        }
        return files
    }
}
