import TDXImage
import TDXSysfs

/// Reads a host's TDX state through its files: the one place that knows which attribute
/// holds what, in every layout the kernel has had.
public struct HostProbe: Sendable {
    /// The host's files.
    public let files: any HostFiles

    /// A probe over `files`.
    public init(files: any HostFiles) { self.files = files }

    /// Reads every attribute once; never throws (each reading carries its own error).
    public func read() -> HostStatus {
        let layout = SysfsLayout.detect(in: files)
        let tdxHostPresent = files.exists(HostPaths.tdxHost)
        let moduleVersion: AttributeReading<ModuleVersion> =
            tdxHostPresent
            ? .read(HostPaths.moduleVersion, from: files, parse: { ModuleVersion($0) })
            : .absent(HostPaths.moduleVersion, because: "no tdx_host device")
        let seamldrVersion: AttributeReading<ModuleVersion>
        let remainingUpdates: AttributeReading<Int>
        if let versionPath = layout.seamldrVersionPath, let remainingPath = layout.remainingUpdatesPath {
            seamldrVersion = .read(versionPath, from: files, parse: { ModuleVersion($0) })
            remainingUpdates = .read(remainingPath, from: files) { text in
                Int(text).flatMap { $0 >= 0 ? $0 : nil }
            }
        } else {
            let reason = "this kernel publishes no P-SEAMLDR attributes (no runtime update support)"
            seamldrVersion = .absent(HostPaths.seamldrVersion, because: reason)
            remainingUpdates = .absent(HostPaths.remainingUpdates, because: reason)
        }
        let processors: AttributeReading<[ProcessorInfo]>
        do {
            let text = String(decoding: try files.read(HostPaths.cpuinfo), as: UTF8.self)
            do {
                processors = .value(try ProcessorInfo.parseCPUInfo(text))
            } catch {
                processors = .malformed(path: HostPaths.cpuinfo, text: error.description)
            }
        } catch {
            processors = .failed(error)
        }
        let uploadStatus: AttributeReading<String>? = layout.uploadPath(.status).map { .read($0, from: files) { $0 } }
        let uploadInterface = layout.firmwareDirectory.flatMap { directory in
            uploadStatus.map { UploadInterfaceState.check(files, directory: directory, status: $0) }
        }
        return HostStatus(
            tdxHostPresent: tdxHostPresent, layout: layout, moduleVersion: moduleVersion,
            seamldrVersion: seamldrVersion, remainingUpdates: remainingUpdates,
            cpusOnline: .read(HostPaths.cpusOnline, from: files, parse: CPUList.parse),
            cpusPresent: .read(HostPaths.cpusPresent, from: files, parse: CPUList.parse),
            processors: processors, uploadStatus: uploadStatus, uploadInterface: uploadInterface)
    }
}
