/// The mount points of this process's mount namespace, parsed from `/proc/self/mountinfo`,
/// so a folder walk can skip every mount point by its path alone: a hung network or FUSE
/// mount blocks `stat` itself, so it must be recognised without touching it.
public struct MountTable: Sendable, Equatable {
    /// One line of `mountinfo`.
    public struct Mount: Sendable, Hashable {
        /// Where it is mounted (octal escapes such as `\040` decoded).
        public let mountPoint: String
        /// The file system type ("proc", "sysfs", "fuse.sshfs", ...).
        public let fileSystemType: String

        /// A mount from its parts.
        public init(mountPoint: String, fileSystemType: String) {
            self.mountPoint = mountPoint
            self.fileSystemType = fileSystemType
        }
    }

    /// Every mount, in file order.
    public let mounts: [Mount]
    /// Every mount point.
    public let mountPoints: Set<String>

    /// File system types that describe the kernel or devices rather than hold files: a walk
    /// never starts in one.
    public static let pseudoFileSystemTypes: Set<String> = [
        "proc", "sysfs", "devtmpfs", "devpts", "debugfs", "tracefs", "securityfs", "cgroup", "cgroup2",
        "configfs", "bpf", "pstore", "efivarfs", "fusectl", "binfmt_misc", "mqueue", "hugetlbfs", "autofs",
    ]

    /// A table from its mounts.
    public init(mounts: [Mount]) {
        self.mounts = mounts
        self.mountPoints = Set(mounts.map(\.mountPoint))
    }

    /// Parses the text of `/proc/PID/mountinfo` (proc(5)): field 5 is the mount point, the
    /// field after the lone "-" the file system type. Lines that do not have that shape are
    /// ignored.
    public init(mountinfo text: String) {
        var mounts: [Mount] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 7, let separator = fields[6...].firstIndex(of: "-"),
                separator + 1 < fields.count
            else { continue }
            mounts.append(
                Mount(mountPoint: Self.unescaped(fields[4]), fileSystemType: String(fields[separator + 1])))
        }
        self.init(mounts: mounts)
    }

    /// This process's mount table.
    /// - Throws: ``FileAccessError`` when `/proc/self/mountinfo` cannot be read.
    public static func current() throws(FileAccessError) -> MountTable {
        let bytes = try ImageFile.read("/proc/self/mountinfo", role: .mountTable)
        return MountTable(mountinfo: String(decoding: bytes, as: UTF8.self))
    }

    /// The mount that holds `path` (an absolute, canonical path): the longest mount point
    /// that is `path` or one of its ancestors.
    public func mount(containing path: String) -> Mount? {
        var best: Mount?
        for mount in mounts where isSameOrBelow(path, mount.mountPoint) {
            if mount.mountPoint.count >= (best?.mountPoint.count ?? -1) { best = mount }
        }
        return best
    }

    /// Decodes the kernel's octal escapes (`\040` space, `\011` tab, `\012` newline, `\134`
    /// backslash).
    static func unescaped(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var bytes: [UInt8] = []
        let raw = Array(field.utf8)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "\\"), index + 4 <= raw.count,
                let value = UInt8(String(decoding: raw[(index + 1)..<(index + 4)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(raw[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Whether `path` is `ancestor` or lies below it (both absolute and canonical).
func isSameOrBelow(_ path: String, _ ancestor: String) -> Bool {
    if ancestor == "/" { return path.hasPrefix("/") }
    return path == ancestor || path.hasPrefix(ancestor + "/")
}
