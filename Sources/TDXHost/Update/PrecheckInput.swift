import TDXImage

/// What the prechecks look at: the host as it is now, before anything stops.
struct PrecheckInput: Sendable {
    var image: UpdateImage
    var moduleInitialized: Bool
    var runningVersion: ModuleVersion
    var runningModuleHV: UInt16
    var seamldr: Result<SeamldrStatusInfo, PrecheckFailure>
    var cpuidEAX: UInt32
    /// The oldest P-SEAMLDR the image needs, when the host knows it (Intel's mapping file).
    var minimumSeamldrVersion: ModuleVersion?
    var offlineCPUs: [Int]
    var tdsInBuild: [Int]
}
