import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The regular files of an image folder, found safely on a real host: links are never
/// followed, the walk never leaves the folder's file system (`st_dev`) and never starts in
/// or enters `/proc`, `/sys` or `/dev`, mount points are skipped by their path in the mount
/// table (without `stat`, so a hung mount cannot block it), FIFOs, devices and sockets are
/// never opened, and depth and entry count are capped. Everything passed over is listed
/// with its reason.
public struct ImageFolderWalk: Sendable {
    /// How far a walk goes.
    public struct Limits: Sendable, Equatable {
        /// Folder levels searched, the folder itself counting as the first (Intel's
        /// repository needs 3: `joined_files/1.5/x.blob`).
        public var maximumDepth: Int
        /// Directory entries examined in all, after which the walk stops.
        public var maximumEntries: Int

        /// Limits from their values.
        public init(maximumDepth: Int = 4, maximumEntries: Int = 10_000) {
            self.maximumDepth = maximumDepth
            self.maximumEntries = maximumEntries
        }
    }

    /// A regular file found.
    public struct File: Sendable, Hashable {
        /// Its path: the canonical folder path joined with the names below it.
        public let path: String
        /// Its size as `fstatat` reported it.
        public let size: Int64
    }

    /// The folder's canonical path (`realpath` of the one given).
    public let root: String
    /// The regular files, sorted by path.
    public let files: [File]
    /// What was passed over, in walk order.
    public let skipped: [SkippedEntry]
    /// The walk stopped at ``Limits/maximumEntries``; later entries were not examined.
    public let stoppedAtEntryLimit: Bool
    /// Why the mount table could not be read (mount points are then recognised only by
    /// `st_dev`), nil when it was.
    public let mountTableProblem: FileAccessError?

    /// Walks `directory`.
    /// - Parameters:
    ///   - mounts: the mount table to skip; nil reads this process's.
    ///   - limits: depth and entry caps.
    /// - Throws: ``ImageFolderError`` when the folder cannot be resolved or listed, is not
    ///   a directory, or lies in a kernel or device tree.
    public init(directory: String, mounts: MountTable? = nil, limits: Limits = Limits()) throws(ImageFolderError) {
        var mountProblem: FileAccessError?
        let table: MountTable
        if let mounts {
            table = mounts
        } else {
            do {
                table = try MountTable.current()
            } catch {
                mountProblem = error
                table = MountTable(mounts: [])
            }
        }
        let root = try Self.canonicalPath(directory)
        if Self.isPseudoPath(root) { throw .pseudoFileSystem(path: root, fileSystemType: nil) }
        if let type = table.mount(containing: root)?.fileSystemType, MountTable.pseudoFileSystemTypes.contains(type) {
            throw .pseudoFileSystem(path: root, fileSystemType: type)
        }
        let rootStat: Stat
        do {
            rootStat = try SystemCall.retryingInterrupts { () throws(Errno) -> Stat in
                try Stat(FilePath(root), followTargetSymlink: false, retryOnInterrupt: false)
            }
        } catch {
            throw .unreadable(FileAccessError(path: root, problem: .system(.lstat, error)))
        }
        guard FileKind(rootStat.type) == .directory else {
            throw .notADirectory(path: root, kind: FileKind(rootStat.type))
        }
        var walker = Walker(
            device: rootStat.deviceID, mountPoints: table.mountPoints.subtracting([root]), limits: limits)
        try walker.visit(root, depth: 0)
        self.root = root
        self.files = walker.files.sorted { $0.path < $1.path }
        self.skipped = walker.skipped
        self.stoppedAtEntryLimit = walker.stopped
        self.mountTableProblem = mountProblem
    }

    /// Whether `path` (canonical) is `/proc`, `/sys`, `/dev` or below one of them.
    static func isPseudoPath(_ path: String) -> Bool {
        ["/proc", "/sys", "/dev"].contains { isSameOrBelow(path, $0) }
    }

    /// `realpath(3)` of `path`: the operator's folder may itself be reached through links.
    static func canonicalPath(_ path: String) throws(ImageFolderError) -> String {
        do {
            return try SystemCall.retryingInterrupts { () throws(Errno) -> String in
                guard let resolved = realpath(path, nil) else { throw SystemCall.lastErrno }
                defer { free(resolved) }
                return String(cString: resolved)
            }
        } catch {
            throw .unreadable(FileAccessError(path: path, problem: .system(.realpath, error)))
        }
    }
}

/// The state of one walk.
private struct Walker {
    let device: DeviceID
    let mountPoints: Set<String>
    let limits: ImageFolderWalk.Limits
    var files: [ImageFolderWalk.File] = []
    var skipped: [SkippedEntry] = []
    var entries = 0
    var stopped = false

    init(device: DeviceID, mountPoints: Set<String>, limits: ImageFolderWalk.Limits) {
        self.device = device
        self.mountPoints = mountPoints
        self.limits = limits
    }

    mutating func visit(_ folder: String, depth: Int) throws(ImageFolderError) {
        let descriptor: FileDescriptor
        do {
            descriptor = try SystemCall.retryingInterrupts { () throws(Errno) -> FileDescriptor in
                try asErrno {
                    try FileDescriptor.open(
                        FilePath(folder), .readOnly, options: [.directory, .noFollow, .nonBlocking, .closeOnExec],
                        retryOnInterrupt: false)
                }
            }
        } catch {
            let failure = FileAccessError(path: folder, problem: .system(.open, error))
            if depth == 0 { throw .unreadable(failure) }
            skipped.append(SkippedEntry(path: folder, reason: .unreadable(failure)))
            return
        }
        guard let stream = fdopendir(descriptor.rawValue) else {
            let failure = FileAccessError(path: folder, problem: .system(.listDirectory, SystemCall.lastErrno))
            try? descriptor.close()
            if depth == 0 { throw .unreadable(failure) }
            skipped.append(SkippedEntry(path: folder, reason: .unreadable(failure)))
            return
        }
        var subfolders: [String] = []
        do {
            defer { closedir(stream) }
            let names: [String]
            do {
                names = try Self.names(in: stream)
            } catch {
                let failure = FileAccessError(path: folder, problem: .system(.listDirectory, error))
                if depth == 0 { throw ImageFolderError.unreadable(failure) }
                skipped.append(SkippedEntry(path: folder, reason: .unreadable(failure)))
                return
            }
            for name in names {
                entries += 1
                if entries > limits.maximumEntries {
                    stopped = true
                    return
                }
                if name.hasPrefix(".") { continue }
                let path = folder == "/" ? "/" + name : folder + "/" + name
                if let subfolder = classify(name, at: path, in: descriptor, depth: depth) {
                    subfolders.append(subfolder)
                }
            }
        }
        for subfolder in subfolders where !stopped {
            try visit(subfolder, depth: depth + 1)
        }
    }

    /// Records a file or a skipped entry; returns the path when it is a folder to enter.
    private mutating func classify(
        _ name: String, at path: String, in folder: FileDescriptor, depth: Int
    ) -> String? {
        if mountPoints.contains(path) {
            skipped.append(SkippedEntry(path: path, reason: .mountPoint))
            return nil
        }
        let stat: Stat
        do {
            stat = try SystemCall.retryingInterrupts { () throws(Errno) -> Stat in
                try Stat(FilePath(name), relativeTo: folder, flags: .symlinkNoFollow, retryOnInterrupt: false)
            }
        } catch {
            skipped.append(
                SkippedEntry(
                    path: path, reason: .unreadable(FileAccessError(path: path, problem: .system(.lstat, error)))))
            return nil
        }
        switch FileKind(stat.type) {
        case .regular:
            files.append(ImageFolderWalk.File(path: path, size: stat.size))
        case .directory:
            if stat.deviceID != device {
                skipped.append(SkippedEntry(path: path, reason: .otherFileSystem))
            } else if ImageFolderWalk.isPseudoPath(path) {
                skipped.append(SkippedEntry(path: path, reason: .pseudoFileSystem))
            } else if depth + 1 >= limits.maximumDepth {
                skipped.append(SkippedEntry(path: path, reason: .tooDeep(limit: limits.maximumDepth)))
            } else {
                return path
            }
        case .symbolicLink:
            skipped.append(SkippedEntry(path: path, reason: .symbolicLink))
        case let kind:
            skipped.append(SkippedEntry(path: path, reason: .special(kind)))
        }
        return nil
    }

    /// Every name in the directory but "." and "..", sorted.
    private static func names(in stream: OpaquePointer) throws(Errno) -> [String] {
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw Errno(rawValue: errno) }
                break
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: pointer.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
