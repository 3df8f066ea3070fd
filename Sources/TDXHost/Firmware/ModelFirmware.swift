import SystemSupport
import TDXFirmware
import TDXImage

/// The host's firmware: the `TDXFirmware` platform model (P-SEAMLDR, TDX module, TDs in
/// private memory), called the way the kernel calls it.
final class ModelFirmware: HostFirmware {
    let platform: Platform
    private let handles: [TDHandle]
    /// Images copied into memory for SEAMLDR.INSTALL, by module hash: the kernel builds
    /// the SEAMLDR_PARAMS page before it stops the machine.
    private let staged = ThreadLocked<[String: StagedInstall]>([:])

    private init(platform: Platform, handles: [TDHandle]) {
        self.platform = platform
        self.handles = handles
    }

    /// The keys the simulated P-SEAMLDR accepts: Intel's production key and the project's
    /// test key, so both real and generated images can run. Which of them an operator
    /// trusts is the kernel's precheck (``KernelConfiguration/trust``).
    static let simulatedSeamldrTrust = TrustPolicy(keys: [.intel, .test])

    /// Powers on a platform with `lpCount` LPs, loads `running` as the BIOS would (scenario
    /// load, SYS.INIT, LP.INIT, CONFIG, KEY.CONFIG), and builds `tdCount` TDs with one vCPU
    /// and one measured page each; the last `tdsLeftInBuild` are not finalized. The boot
    /// load takes one SEAMDB slot, so the P-SEAMLDR gets `remainingUpdates + 1`.
    static func boot(
        lpCount: Int, running: UpdateImage, cpuidEAX: UInt32, remainingUpdates: UInt32, tdCount: Int,
        tdsLeftInBuild: Int, free: Bool, seamldrVersion: ModuleVersion? = nil, vmcsErratum: Bool = false
    ) throws(HostError) -> ModelFirmware {
        var configuration = PlatformConfiguration.uniform(
            lpCount: lpCount, cpuid1EAX: cpuidEAX, trust: simulatedSeamldrTrust, seamdbCapacity: remainingUpdates + 1,
            policy: free ? .free : .intel)
        if let seamldrVersion {
            configuration.seamldrIdentity.majorVersion = UInt16(clamping: seamldrVersion.major)
            configuration.seamldrIdentity.minorVersion = UInt16(clamping: seamldrVersion.minor)
            configuration.seamldrIdentity.updateVersion = UInt16(clamping: seamldrVersion.update)
        }
        if vmcsErratum {
            for index in configuration.processors.indices { configuration.processors[index].vmxBasicBit60 = false }
        }
        let platform = Platform(configuration: configuration)
        var handles: [TDHandle] = []
        do {
            try platform.boot(running.image)
            for index in 0..<tdCount {
                let lp = index % lpCount
                let td = try platform.tdCreate(lp: lp)
                try platform.tdInit(lp: lp, td: td)
                _ = try platform.vpCreate(lp: lp, td: td)
                let contents = Array("TD \(index) initial page".utf8)
                try platform.memPageAdd(lp: lp, td: td, gpa: 0x1000, contents: contents)
                if index < tdCount - tdsLeftInBuild { try platform.mrFinalize(lp: lp, td: td) }
                handles.append(td)
            }
        } catch {
            throw .firmwareBoot(error.description)
        }
        return ModelFirmware(platform: platform, handles: handles)
    }

    private static func result<T>(_ body: () throws(SeamcallFailure) -> T) -> Result<T, SeamcallFailure> {
        do { return .success(try body()) } catch { return .failure(error) }
    }

    private static func status(_ body: () throws(SeamcallFailure) -> Void) -> SeamcallStatus {
        do {
            try body()
            return .success
        } catch {
            return error.status
        }
    }

    func readModuleHandoffVersion(lp: Int) -> Result<UInt16, SeamcallFailure> {
        Self.result { () throws(SeamcallFailure) in
            UInt16(truncatingIfNeeded: try platform.sysRead(lp: lp, field: .moduleHV))
        }
    }

    func readModuleVersion(lp: Int) -> Result<ModuleVersion, SeamcallFailure> {
        Self.result { () throws(SeamcallFailure) in
            ModuleVersion(
                major: Int(try platform.sysRead(lp: lp, field: .majorVersion)),
                minor: Int(try platform.sysRead(lp: lp, field: .minorVersion)),
                update: Int(try platform.sysRead(lp: lp, field: .updateVersion)))
        }
    }

    /// The running module's version as the firmware reports it, or `known` when the model
    /// cannot say: Intel's 1.5 sigstructs carry no version, so a model of such an image
    /// reports 0.0.0 where the real module would report its own.
    static func version(reported: Result<ModuleVersion, SeamcallFailure>, known: ModuleVersion) -> ModuleVersion {
        guard case .success(let version) = reported, version != ModuleVersion(major: 0, minor: 0, update: 0) else {
            return known
        }
        return version
    }

    func tdPreservingSupported(lp: Int) -> Bool {
        guard let features = try? platform.sysRead(lp: lp, field: .tdxFeatures0) else { return false }
        return features & TDXFeatures0.tdPreserving != 0 && !platform.hasSeamretVMCSErratum
    }

    func stage(_ image: UpdateImage) {
        let key = UpdateImage.hashKey(image.image)
        staged.withLock { cache in
            if cache[key] == nil { cache[key] = platform.stage(image.image, scenario: .update) }
        }
    }

    func shutdown(lp: Int, handoffVersion: UInt16) -> SeamcallStatus {
        Self.status { () throws(SeamcallFailure) in
            try platform.sysShutdown(lp: lp, handoffVersion: UInt64(handoffVersion))
        }
    }

    func install(lp: Int, image: UpdateImage) -> SeamcallStatus {
        stage(image)
        let key = UpdateImage.hashKey(image.image)
        guard let address = staged.withLock({ $0[key]?.paramsAddress }) else { return .seamldrBadParam }
        return Self.status { () throws(SeamcallFailure) in try platform.seamldrInstall(lp: lp, paramsAddress: address) }
    }

    func systemInit(lp: Int) -> SeamcallStatus {
        Self.status { () throws(SeamcallFailure) in try platform.sysInit(lp: lp) }
    }

    func lpInit(lp: Int) -> SeamcallStatus {
        Self.status { () throws(SeamcallFailure) in try platform.sysLPInit(lp: lp) }
    }

    func update(lp: Int) -> SeamcallStatus {
        Self.status { () throws(SeamcallFailure) in try platform.sysUpdate(lp: lp) }
    }

    func seamldrInfo(lp: Int) -> Result<SeamldrStatusInfo, SeamcallFailure> {
        Self.result { () throws(SeamcallFailure) in
            let info = try platform.seamldrInfo(lp: lp)
            return SeamldrStatusInfo(
                version: ModuleVersion(
                    major: Int(info.majorVersion), minor: Int(info.minorVersion), update: Int(info.updateVersion)),
                remainingUpdates: info.numRemainingUpdates)
        }
    }

    var tdCount: Int { handles.count }

    func runTD(_ td: Int, lp: Int) -> SeamcallStatus {
        Self.status { () throws(SeamcallFailure) in _ = try platform.vpEnter(lp: lp, td: handles[td], vcpu: 0) }
    }

    func tdDigest(_ td: Int) -> [UInt8] { platform.tdDigest(handles[td]) ?? [] }

    func tdsInBuild() -> [Int] {
        let building = Set(platform.tdBuildsInProgress)
        return handles.indices.filter { building.contains(handles[$0]) }
    }
}
