import TDXImage
import TDXSysfs

/// How the simulated kernel checks and runs updates.
public struct KernelConfiguration: Sendable {
    /// The keys an image must be signed with (default: the project's test key).
    public var trust: TrustPolicy = .test
    /// Run the recovery steps after a failure past shutdown (the spec's second way out).
    public var recovery = false
    /// The CPU's CPUID.1.EAX (family/model/stepping), checked against the image's table.
    public var cpuidEAX: UInt32 = 0x806F8
    /// CPU ids to treat as offline (the "all CPUs online" precheck refuses then).
    public var offlineCPUs: [Int] = []
    /// The oldest P-SEAMLDR version new images need, when known (from Intel's mapping).
    public var minimumSeamldrVersion: ModuleVersion?
    /// Versions of images whose sigstruct carries none (Intel's 1.5 releases), keyed by
    /// the sigstruct's module hash in lowercase hex; the operator's tool knows them from
    /// the file names. See ``UpdateImage/hashKey(_:)``.
    public var versionHints: [String: ModuleVersion] = [:]
    /// Where the kernel publishes its files: Linux 7.2's layout, or an older series'.
    public var layout = SysfsLayout.mainline
    /// Reproduces a Linux 7.2 behaviour: when re-reading the module version after a
    /// successful TDH.SYS.UPDATE fails, the kernel only warns and keeps the cached (old)
    /// version, so `version` reads the old version although the new module runs.
    public var versionRefreshFails = false
    /// Per-step watchdog deadline for the update procedure.
    public var watchdog: Duration? = .seconds(10)

    /// The defaults: test-key trust, no recovery, a Sapphire Rapids CPUID, all CPUs online.
    public init() {}
}
