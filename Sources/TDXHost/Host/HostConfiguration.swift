import TDXImage

/// Everything that shapes a simulated host: its CPUs, its firmware, its TDs, and how its
/// kernel runs updates.
public struct HostConfiguration: Sendable {
    /// Which CPUs the host has.
    public enum CPUs: Sendable, Hashable {
        /// This machine's online CPUs, one pinned stopper thread each.
        case online
        /// `count` simulated CPUs with unpinned threads (any size, e.g. 64 or 256).
        case simulated(count: Int)
    }

    /// The host's CPUs (default: this machine's online CPUs).
    public var cpus: CPUs = .online
    /// How many TDs run.
    public var tdCount = 3
    /// Whether each TD gets a workload thread that keeps issuing SEAMCALLs.
    public var runsWorkloads = true
    /// Run the firmware models, or make every firmware call free (benchmarks).
    public var firmwareMode: FirmwareMode = .model
    /// Update firmware calls to fail on purpose.
    public var faults: [StepFault] = []
    /// The running module's image; nil builds one at `runningVersion` signed with the
    /// project's test key.
    public var runningImage: [UInt8]?
    /// The version of the built-in running image.
    public var runningVersion = BuiltinImages.defaultFrom
    /// How many runtime updates the P-SEAMLDR still accepts.
    public var remainingUpdates: UInt32 = 15
    /// Each TD's SEAMCALLs per second; nil: back to back (as fast as the machine allows).
    /// A host that is served for a long time paces them so that it idles cheaply.
    public var tdCallsPerSecond: Int?
    /// The P-SEAMLDR version SEAMLDR.INFO reports; nil: the model's default (2.0.00).
    public var seamldrVersion: ModuleVersion?
    /// Whether the CPUs lack the SEAMRET VMCS erratum, so the kernel offers runtime
    /// updates; false models a host without update support (no P-SEAMLDR attributes, no
    /// firmware-upload device).
    public var updateSupport = true
    /// How many of the TDs are left mid-build (TDH.MR.FINALIZE not yet called), to
    /// exercise the TD-build precheck.
    public var tdsLeftInBuild = 0
    /// The kernel's update settings (trust, recovery, CPUID, offline CPUs, watchdog).
    public var kernel = KernelConfiguration()

    /// The defaults: this machine's CPUs, 3 TDs with workloads, firmware models, the
    /// built-in 1.5.06 module signed with the test key.
    public init() {}

    /// A host for benchmarks: `cpuCount` simulated CPUs, free firmware, no TD workloads.
    public static func benchmark(cpuCount: Int) -> HostConfiguration {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: cpuCount)
        configuration.firmwareMode = .free
        configuration.runsWorkloads = false
        configuration.tdCount = 0
        configuration.kernel.watchdog = nil
        return configuration
    }
}
