import TDXImage

/// Everything fixed about a simulated platform at power-on.
public struct PlatformConfiguration: Sendable {
    /// The LPs, indexed by LP number (the host's CPU number).
    public var processors: [LogicalProcessor]
    /// The P-SEAMLDR's identity as SEAMLDR.INFO reports it (version fields; the rest is filled live).
    public var seamldrIdentity: SeamldrInfo
    /// SEAMDB slots at power-on; a load takes one, each successful update another (Intel's source).
    /// Not published for real parts (spec 7); 16 here.
    public var seamdbCapacity: UInt32
    /// Signer keys P-SEAMLDR trusts (real P-SEAMLDR compares a hash of the sigstruct's modulus with Intel's
    /// key; the simulated one trusts the project's test key by default).
    public var trust: TrustPolicy
    /// P-SEAMLDR behaviour where sources are silent.
    public var policy: SeamldrPolicy
    /// The platform is debug-unlocked (SGX_DEBUG_MODE), so debug-signed modules may load.
    public var debugUnlocked: Bool
    /// Installed modules advertise UPDATE_COMPAT (TDX_FEATURES0 bit 47) and honour RCX bit 16 of
    /// TDH.SYS.SHUTDOWN; false models 1.5.01, where that bit makes the handoff version invalid.
    public var modulesSupportUpdateCompat: Bool

    /// Creates a configuration.
    public init(
        processors: [LogicalProcessor], trust: TrustPolicy = .test, seamdbCapacity: UInt32 = 16,
        policy: SeamldrPolicy = .intel, seamldrIdentity: SeamldrInfo = PlatformConfiguration.defaultSeamldrIdentity,
        debugUnlocked: Bool = false, modulesSupportUpdateCompat: Bool = false
    ) {
        self.processors = processors
        self.trust = trust
        self.seamdbCapacity = seamdbCapacity
        self.policy = policy
        self.seamldrIdentity = seamldrIdentity
        self.debugUnlocked = debugUnlocked
        self.modulesSupportUpdateCompat = modulesSupportUpdateCompat
    }

    /// `count` identical LPs spread evenly over `packages` packages.
    public static func uniform(
        lpCount count: Int, cpuid1EAX: UInt32 = 0x806F8, packages: Int = 1, trust: TrustPolicy = .test,
        seamdbCapacity: UInt32 = 16, policy: SeamldrPolicy = .intel
    ) -> PlatformConfiguration {
        let packageCount = max(packages, 1)
        let perPackage = max((count + packageCount - 1) / packageCount, 1)
        let processors = (0..<max(count, 0)).map {
            LogicalProcessor(cpuid1EAX: cpuid1EAX, package: $0 / perPackage)
        }
        return PlatformConfiguration(
            processors: processors, trust: trust, seamdbCapacity: seamdbCapacity,
            policy: policy)
    }

    /// A P-SEAMLDR 2.0.0 identity with vendor 0x8086.
    public static var defaultSeamldrIdentity: SeamldrInfo {
        var info = SeamldrInfo()
        info.majorVersion = 2
        info.minorVersion = 0
        info.updateVersion = 0
        info.buildNumber = 1
        info.buildDate = 0x2024_0410
        return info
    }
}
