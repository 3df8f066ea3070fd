/// The simulated host's in-memory sysfs (and the two procfs/sysfs files the operator tool
/// reads about CPUs): every path the TDX update ABI uses, with the kernel's semantics.
///
/// Paths are relative to the host root ("sys/devices/faux/tdx_host/version"); a leading
/// "/" is accepted. The firmware-upload directory is reachable both as
/// `sys/class/firmware/tdx_module` and as `sys/devices/faux/tdx_host/firmware/tdx_module`.
public final class HostSysfs: Sendable {
    /// The tdx_host device directory.
    public static let tdxHostDirectory = "sys/devices/faux/tdx_host"
    /// The firmware-upload class directory for the TDX module.
    public static let firmwareDirectory = "sys/class/firmware/tdx_module"
    /// The same upload directory under the device.
    public static let deviceFirmwareDirectory = "sys/devices/faux/tdx_host/firmware/tdx_module"

    /// The tdx_host attributes.
    public let attributes: TDXHostAttributes
    /// The fw_upload core of the `tdx_module` device.
    public let upload: FirmwareUpload
    private let staticFiles: [String: String]

    /// Creates the tree. `staticFiles` maps paths to fixed contents (cpuinfo, CPU masks).
    public init(attributes: TDXHostAttributes, upload: FirmwareUpload, staticFiles: [String: String]) {
        self.attributes = attributes
        self.upload = upload
        self.staticFiles = staticFiles
    }

    private enum Node {
        case attribute(String)
        case upload(String)
        case file(String)
    }

    private static func normalize(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    private func node(_ rawPath: String) throws(SysfsError) -> (Node, String) {
        let path = Self.normalize(rawPath)
        if let content = staticFiles[path] { return (.file(content), path) }
        for directory in [Self.firmwareDirectory, Self.deviceFirmwareDirectory]
        where path.hasPrefix(directory + "/") {
            guard attributes.source.updateInterfaceVisible else { throw .noSuchFile(path: path) }
            let name = String(path.dropFirst(directory.count + 1))
            guard FirmwareUpload.fileNames.contains(name) else { throw .noSuchFile(path: path) }
            return (.upload(name), path)
        }
        if path.hasPrefix(Self.tdxHostDirectory + "/") {
            let name = String(path.dropFirst(Self.tdxHostDirectory.count + 1))
            if attributes.visibleNames.contains(name) { return (.attribute(name), path) }
        }
        throw .noSuchFile(path: path)
    }

    /// Reads a whole file.
    public func read(_ path: String) throws(SysfsError) -> [UInt8] {
        let (node, normalized) = try node(path)
        switch node {
        case .file(let content): return Array(content.utf8)
        case .attribute(let name): return Array(try attributes.read(name, path: normalized).utf8)
        case .upload(let name):
            do { return try upload.read(name) } catch { throw Self.rebase(error, to: normalized) }
        }
    }

    /// Reads a file as text.
    public func readText(_ path: String) throws(SysfsError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Writes `bytes` at `offset` (sysfs files only take writes at 0 except `data`).
    public func write(_ path: String, _ bytes: [UInt8], offset: Int = 0) throws(SysfsError) {
        let (node, normalized) = try node(path)
        switch node {
        case .file, .attribute: throw .permissionDenied(path: normalized)
        case .upload(let name):
            do { try upload.write(name, bytes, offset: offset) } catch { throw Self.rebase(error, to: normalized) }
        }
    }

    /// Writes text (e.g. "1").
    public func writeText(_ path: String, _ text: String) throws(SysfsError) {
        try write(path, Array(text.utf8))
    }

    /// Whether `path` names a file or a directory of this tree.
    public func exists(_ path: String) -> Bool {
        let normalized = Self.normalize(path)
        if (try? node(normalized)) != nil { return true }
        let prefix = normalized + "/"
        return allPaths().contains { $0.hasPrefix(prefix) }
    }

    /// The names of the entries (files and directories) directly under `directory`,
    /// sorted; ENOENT when nothing is there.
    public func list(_ directory: String) throws(SysfsError) -> [String] {
        let normalized = Self.normalize(directory)
        let prefix = normalized.isEmpty ? "" : normalized + "/"
        var names = Set<String>()
        for path in allPaths() where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            if let name = rest.split(separator: "/").first { names.insert(String(name)) }
        }
        guard !names.isEmpty else { throw .noSuchFile(path: normalized) }
        return names.sorted()
    }

    /// Every file path of the tree as it is visible right now, sorted.
    public func allPaths() -> [String] {
        var paths = Array(staticFiles.keys)
        paths += attributes.visibleNames.map { Self.tdxHostDirectory + "/" + $0 }
        if attributes.source.updateInterfaceVisible {
            for directory in [Self.firmwareDirectory, Self.deviceFirmwareDirectory] {
                paths += FirmwareUpload.fileNames.map { directory + "/" + $0 }
            }
        }
        return paths.sorted()
    }

    private static func rebase(_ error: SysfsError, to path: String) -> SysfsError {
        switch error {
        case .noSuchFile: return .noSuchFile(path: path)
        case .noSuchDeviceOrAddress: return .noSuchDeviceOrAddress(path: path)
        case .busy: return .busy(path: path)
        case .noDevice: return .noDevice(path: path)
        case .invalidArgument(_, let value): return .invalidArgument(path: path, value: value)
        case .permissionDenied: return .permissionDenied(path: path)
        case .ioError(_, let detail): return .ioError(path: path, detail: detail)
        }
    }
}
