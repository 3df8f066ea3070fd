import TDXImage
import TDXSysfs

/// What the updater needs to know about one module image to judge it: read from the
/// image's sigstruct (CPUID table, debug bit, SVN, build date) and its name or sigstruct
/// (version).
public struct ImageFacts: Hashable, Sendable {
    /// The module version the image carries.
    public let version: ModuleVersion
    /// Whether the sigstruct marks it a debug module (module_type bit 31).
    public let isDebug: Bool
    /// CPUID.1.EAX values (stepping cleared) of the CPUs the module supports.
    public let supportedCPUs: [CPUIDSignature]
    /// `seamsvn` as signed: what P-SEAMLDR compares to refuse a downgrade.
    public let svn: UInt16
    /// The signed build date.
    public let date: BCDDate

    /// Facts from their values; `supportedCPUs` are stored with stepping cleared.
    public init(version: ModuleVersion, isDebug: Bool, supportedCPUs: [CPUIDSignature], svn: UInt16, date: BCDDate) {
        self.version = version
        self.isDebug = isDebug
        self.supportedCPUs = supportedCPUs.map(\.withoutStepping)
        self.svn = svn
        self.date = date
    }
}
