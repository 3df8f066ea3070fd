import TDXImage
import TDXSysfs

/// Everything the updater knows about a host before it decides anything: what TDX module
/// and P-SEAMLDR run, whether updates are offered and possible, and which CPUs there are.
public struct HostStatus: Sendable, Equatable {
    /// Whether `/sys/devices/faux/tdx_host` exists (TDX enabled, module initialized at boot).
    public let tdxHostPresent: Bool
    /// Which kernel interface generation the host exposes.
    public let layout: SysfsLayout
    /// The running module's version; ENXIO when the module was lost.
    public let moduleVersion: AttributeReading<ModuleVersion>
    /// The P-SEAMLDR version (root-only).
    public let seamldrVersion: AttributeReading<ModuleVersion>
    /// Updates P-SEAMLDR can still take before a reboot (root-only).
    public let remainingUpdates: AttributeReading<Int>
    /// Online CPUs.
    public let cpusOnline: AttributeReading<[Int]>
    /// Present CPUs.
    public let cpusPresent: AttributeReading<[Int]>
    /// Every CPU in `/proc/cpuinfo` (which lists online CPUs only).
    public let processors: AttributeReading<[ProcessorInfo]>
    /// The firmware-upload `status` ("idle" unless an upload runs); nil without update support.
    public let uploadStatus: AttributeReading<String>?
    /// Whether the upload files are all there and idle; nil without update support.
    public let uploadInterface: UploadInterfaceState?

    /// A status from its readings.
    public init(
        tdxHostPresent: Bool, layout: SysfsLayout, moduleVersion: AttributeReading<ModuleVersion>,
        seamldrVersion: AttributeReading<ModuleVersion>, remainingUpdates: AttributeReading<Int>,
        cpusOnline: AttributeReading<[Int]>, cpusPresent: AttributeReading<[Int]>,
        processors: AttributeReading<[ProcessorInfo]>, uploadStatus: AttributeReading<String>? = nil,
        uploadInterface: UploadInterfaceState? = nil
    ) {
        self.tdxHostPresent = tdxHostPresent
        self.layout = layout
        self.moduleVersion = moduleVersion
        self.seamldrVersion = seamldrVersion
        self.remainingUpdates = remainingUpdates
        self.cpusOnline = cpusOnline
        self.cpusPresent = cpusPresent
        self.processors = processors
        self.uploadStatus = uploadStatus
        self.uploadInterface = uploadInterface
    }

    /// Whether the kernel offers runtime updates (firmware-upload device present).
    public var updateSupported: Bool { tdxHostPresent && layout.supportsUpdates }

    /// The distinct CPUID.1.EAX values of all CPUs in `/proc/cpuinfo`, ascending.
    public var cpuSignatures: [CPUIDSignature] {
        Array(Set((processors.value ?? []).map(\.signature))).sorted()
    }

    /// Present CPUs that are not online; nil when either list is unreadable.
    public var offlineCPUs: [Int]? {
        guard let present = cpusPresent.value, let online = cpusOnline.value else { return nil }
        let onlineSet = Set(online)
        return present.filter { !onlineSet.contains($0) }
    }

    /// Whether some CPU's flags show `tdx_host_platform` (TDX enabled by CPU and BIOS).
    public var cpuReportsTDX: Bool {
        (processors.value ?? []).contains { $0.reportsTDXHostPlatform }
    }

    /// Why this host has no usable TDX module; nil when it has one (update support is
    /// checked separately, by ``updateSupported``).
    public var noTDXReason: NoTDXReason? {
        if !tdxHostPresent { return .noTDXHost(cpuReportsTDX: cpuReportsTDX) }
        if case .failed(let error) = moduleVersion, error.errno == .noSuchAddressOrDevice { return .moduleLost }
        return nil
    }

    /// ``noTDXReason`` in plain words.
    public var noTDXExplanation: String? { noTDXReason?.description }
}
