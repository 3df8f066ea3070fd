import TDXFirmware

/// A rule of the kernel's module bookkeeping (``KernelModuleState``) that its state broke:
/// what `invariantViolations()` reports, so that tests assert on the rule and debug builds stop
/// at the change that broke it.
enum KernelModuleInvariantViolation: Hashable, Sendable, CustomStringConvertible {
    /// The module is marked initialized, but TDH.SYS.INIT is not recorded as done and successful.
    case initializedWithoutSysInit(sysinitDone: Bool, status: SeamcallStatus)
    /// The module is marked initialized while some CPUs have not done TDH.SYS.LP.INIT.
    case initializedWithUninitializedCPUs([Int])
    /// CPUs are marked LP-initialized, but TDH.SYS.INIT is not recorded as done and successful.
    case cpusInitializedWithoutSysInit([Int])
    /// A TDH.SYS.INIT status is cached although TDH.SYS.INIT is not recorded as done.
    case sysInitStatusWithoutSysInit(SeamcallStatus)

    /// The rule and the values that break it, in words.
    var description: String {
        switch self {
        case .initializedWithoutSysInit(let done, let status):
            "module marked initialized with sysinit_done \(done), sysinit_ret \(status)"
        case .initializedWithUninitializedCPUs(let cpus):
            "module marked initialized while CPUs \(cpus) have not done TDH.SYS.LP.INIT"
        case .cpusInitializedWithoutSysInit(let cpus):
            "CPUs \(cpus) marked LP-initialized without a successful TDH.SYS.INIT"
        case .sysInitStatusWithoutSysInit(let status):
            "sysinit_ret \(status) cached while sysinit_done is false"
        }
    }
}
