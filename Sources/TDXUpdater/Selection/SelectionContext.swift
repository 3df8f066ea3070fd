import TDXImage
import TDXSysfs

/// What about the host and the operator's wishes decides which images are eligible.
public struct SelectionContext: Sendable, Equatable {
    /// The running module's version (or why it is unknown).
    public let runningVersion: AttributeReading<ModuleVersion>
    /// The P-SEAMLDR version (or why it is unknown).
    public let seamldrVersion: AttributeReading<ModuleVersion>
    /// The distinct CPUID.1.EAX values of all the host's CPUs (or why unknown).
    public let cpuSignatures: AttributeReading<[CPUIDSignature]>
    /// Whether debug modules may be chosen (`--allow-debug`).
    public let allowDebug: Bool

    /// A context from its parts.
    public init(
        runningVersion: AttributeReading<ModuleVersion>, seamldrVersion: AttributeReading<ModuleVersion>,
        cpuSignatures: AttributeReading<[CPUIDSignature]>, allowDebug: Bool
    ) {
        self.runningVersion = runningVersion
        self.seamldrVersion = seamldrVersion
        self.cpuSignatures = cpuSignatures
        self.allowDebug = allowDebug
    }

    /// The context a host's status gives.
    public init(status: HostStatus, allowDebug: Bool) {
        let signatures: AttributeReading<[CPUIDSignature]>
        switch status.processors {
        case .value: signatures = .value(status.cpuSignatures)
        case .failed(let error): signatures = .failed(error)
        case .malformed(let path, let text): signatures = .malformed(path: path, text: text)
        }
        self.init(
            runningVersion: status.moduleVersion, seamldrVersion: status.seamldrVersion,
            cpuSignatures: signatures, allowDebug: allowDebug)
    }
}
