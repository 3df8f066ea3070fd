import SystemPackage
import TDXSysfs

/// The simulated kernel's files: the `tdx_host` attributes, the firmware-upload device and
/// the procfs/sysfs CPU files, at the paths of its ``SysfsLayout`` and with the kernel's
/// modes and errno values. It is the simulated host's ``HostFiles``: the operator's
/// updater, a served mount and the tests all talk to the simulated kernel through it.
///
/// Paths are absolute ("/sys/devices/faux/tdx_host/version"); a path without the leading
/// "/" means the same. The firmware-upload directory is reachable both under
/// `/sys/class/firmware` and under the device, as the class directory links there.
public final class HostSysfs: HostFiles {
    /// The interface generation these files follow.
    public let layout: SysfsLayout
    /// The tdx_host attributes.
    public let attributes: TDXHostAttributes
    /// The fw_upload core of the module's upload device.
    public let upload: FirmwareUpload
    private let staticFiles: [String: String]

    /// Creates the tree in `layout`. `staticFiles` maps absolute paths to fixed contents
    /// (cpuinfo, CPU masks).
    public init(
        layout: SysfsLayout = .mainline, attributes: TDXHostAttributes, upload: FirmwareUpload,
        staticFiles: [String: String]
    ) {
        self.layout = layout
        self.attributes = attributes
        self.upload = upload
        self.staticFiles = Dictionary(uniqueKeysWithValues: staticFiles.map { (Self.normalize($0.key), $0.value) })
    }

    private enum Node {
        case attribute(TDXHostAttributes.Attribute)
        case upload(HostPaths.UploadFile)
        case file(String)
    }

    private static func normalize(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return "/" + trimmed
    }

    /// The attribute paths of this layout, visible or not.
    private func attributePath(_ attribute: TDXHostAttributes.Attribute) -> String? {
        switch attribute {
        case .version: return HostPaths.moduleVersion
        case .seamldrVersion: return layout.seamldrVersionPath
        case .remainingUpdates: return layout.remainingUpdatesPath
        }
    }

    private var uploadDirectories: [String] {
        guard attributes.source.updateInterfaceVisible else { return [] }
        return [layout.firmwareDirectory, layout.deviceFirmwareDirectory].compactMap { $0 }
    }

    private func node(_ path: String) -> Node? {
        if let content = staticFiles[path] { return .file(content) }
        for directory in uploadDirectories where path.hasPrefix(directory + "/") {
            return HostPaths.UploadFile(rawValue: String(path.dropFirst(directory.count + 1))).map { .upload($0) }
        }
        return attributes.visible.first { attributePath($0) == path }.map { .attribute($0) }
    }

    public func read(_ path: String) throws(HostFileError) -> [UInt8] {
        let normalized = Self.normalize(path)
        switch node(normalized) {
        case .file(let content): return Array(content.utf8)
        case .attribute(let attribute): return Array(try attributes.read(attribute, path: path).utf8)
        case .upload(let file):
            do { return try upload.read(file) } catch { throw error.at(path) }
        case nil:
            throw HostFileError(
                path: path, errno: exists(normalized) ? .isDirectory : .noSuchFileOrDirectory)
        }
    }

    /// Writes `bytes` as a sysfs store does; `offset` is for `data`, which takes a
    /// stream of writes (the other files take one write at 0).
    public func write(_ path: String, _ bytes: [UInt8], offset: Int) throws(HostFileError) {
        let normalized = Self.normalize(path)
        switch node(normalized) {
        case .file, .attribute:
            throw HostFileError(path: path, errno: .permissionDenied, detail: "the file is read-only")
        case .upload(let file):
            do { try upload.write(file, bytes, offset: offset) } catch { throw error.at(path) }
        case nil:
            throw HostFileError(
                path: path, errno: exists(normalized) ? .isDirectory : .noSuchFileOrDirectory)
        }
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        try write(path, bytes, offset: 0)
    }

    public func exists(_ path: String) -> Bool {
        entry(path) != nil
    }

    /// What is at `path` right now, with its mode; nil when nothing is.
    public func entry(_ path: String) -> HostFileEntry? {
        let normalized = Self.normalize(path)
        switch node(normalized) {
        case .file: return .readOnlyFile
        case .attribute(let attribute): return HostFileEntry(kind: .file, permissions: attribute.permissions)
        case .upload(let file): return HostFileEntry(kind: .file, permissions: FirmwareUpload.permissions(file))
        case nil:
            let prefix = normalized == "/" ? "/" : normalized + "/"
            return allPaths().contains { $0.hasPrefix(prefix) } ? .directory : nil
        }
    }

    /// The names of the entries (files and directories) directly under `directory`,
    /// sorted; ENOENT when nothing is there, ENOTDIR for a file.
    public func list(_ directory: String) throws(HostFileError) -> [String] {
        let normalized = Self.normalize(directory)
        if node(normalized) != nil { throw HostFileError(path: directory, errno: .notDirectory) }
        let prefix = normalized == "/" ? "/" : normalized + "/"
        var names = Set<String>()
        for path in allPaths() where path.hasPrefix(prefix) {
            if let name = path.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(name)) }
        }
        guard !names.isEmpty else { throw HostFileError(path: directory, errno: .noSuchFileOrDirectory) }
        return names.sorted()
    }

    /// The `tdx_host` attribute files visible, whose text only an update changes (the
    /// module's version, P-SEAMLDR's version and remaining updates): a server of these files
    /// may let readers cache them until the kernel's next update attempt ends.
    public var updateOnlyPaths: [String] {
        attributes.visible.compactMap(attributePath)
    }

    /// Every file path of the tree as it is visible right now, sorted.
    public func allPaths() -> [String] {
        var paths = Array(staticFiles.keys)
        paths += attributes.visible.compactMap(attributePath)
        for directory in uploadDirectories {
            paths += HostPaths.UploadFile.allCases.map { directory + "/" + $0.name }
        }
        return paths.sorted()
    }
}
