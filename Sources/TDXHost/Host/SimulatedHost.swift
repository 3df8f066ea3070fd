import Lockstep
import TDXImage
import TDXSysfs

/// A whole simulated TDX host: N CPUs with a stopper thread each, a P-SEAMLDR and a
/// running TDX module (the `TDXFirmware` models), K TDs whose workload threads keep
/// issuing SEAMCALLs through the stop gate, and the kernel's side with its sysfs.
///
/// Update it through ``sysfs`` (the firmware-upload files, as an operator tool does) or
/// directly with ``update(imageBytes:)``; either way the kernel runs the same procedure.
public final class SimulatedHost: Sendable {
    /// The configuration the host was built from.
    public let configuration: HostConfiguration
    /// The host's CPUs.
    public let cpus: CPUSet
    /// The firmware every SEAMCALL reaches.
    public let firmware: any HostFirmware
    /// The kernel side: update driver, cached module state, gate, SEAMCALL layer.
    public let kernel: TDXKernel
    /// The in-memory sysfs (tdx_host attributes, firmware upload, cpuinfo).
    public let sysfs: HostSysfs
    /// The TD workload threads (started by ``startWorkloads()``).
    public let workloads: TDWorkloads

    /// Builds the host: boots the running module on every CPU, creates the TDs, starts the
    /// stopper threads. Workloads start with ``startWorkloads()``.
    public init(configuration: HostConfiguration = HostConfiguration()) throws(HostError) {
        self.configuration = configuration
        let cpus: CPUSet
        switch configuration.cpus {
        case .online:
            do { cpus = try CPUSet.online() } catch { throw .cpus("\(error)") }
        case .simulated(let count):
            guard count >= 1 else { throw .cpus("a host needs at least 1 CPU, got \(count)") }
            cpus = CPUSet.simulated(count: count)
        }
        self.cpus = cpus
        for fault in configuration.faults {
            guard cpus.cpu(id: fault.cpu) != nil else {
                throw .faultNeverFires(
                    fault, reason: "the host has CPUs \(cpus.cpus.map(\.id).map(String.init).joined(separator: ", "))")
            }
            if fault.step.runsOnce, fault.cpu != cpus.lead.id {
                throw .faultNeverFires(fault, reason: "\(fault.step) runs on CPU \(cpus.lead.id) only")
            }
        }

        let runningBytes: [UInt8]
        if let bytes = configuration.runningImage {
            runningBytes = bytes
        } else {
            do { runningBytes = try BuiltinImages.image(version: configuration.runningVersion) } catch {
                throw .runningImage("\(error)")
            }
        }
        let running: UpdateImage
        switch UpdateImage.read(
            runningBytes, trusting: configuration.kernel.trust, versionHints: configuration.kernel.versionHints)
        {
        case .failure(let failure): throw .runningImage(failure.description)
        case .success(let image): running = image
        }

        let firmware = try ModelFirmware.boot(
            lpCount: cpus.count, running: running, cpuidEAX: configuration.kernel.cpuidEAX,
            remainingUpdates: configuration.remainingUpdates, tdCount: configuration.tdCount,
            tdsLeftInBuild: configuration.tdsLeftInBuild,
            free: configuration.firmwareMode == .free, seamldrVersion: configuration.seamldrVersion,
            vmcsErratum: !configuration.updateSupport)
        self.firmware = firmware
        let layer = SeamcallLayer(firmware: firmware, mode: configuration.firmwareMode, faults: configuration.faults)
        let machine: StopMachine
        do { machine = try StopMachine(cpus: cpus) } catch { throw .engine("\(error)") }
        let version = ModelFirmware.version(reported: firmware.readModuleVersion(lp: 0), known: running.version)
        let kernel = TDXKernel(
            machine: machine, layer: layer, runningImage: running, version: version,
            configuration: configuration.kernel)
        self.kernel = kernel
        let layout = configuration.kernel.layout
        self.sysfs = HostSysfs(
            layout: layout, attributes: TDXHostAttributes(source: kernel),
            upload: FirmwareUpload(name: layout.firmwareName ?? HostPaths.mainlineFirmwareName, driver: kernel),
            staticFiles: Self.staticFiles(
                cpus: cpus, cpuidEAX: configuration.kernel.cpuidEAX,
                offline: configuration.kernel.offlineCPUs))
        self.workloads = TDWorkloads(
            layer: layer, gate: kernel.gate, tdCount: configuration.runsWorkloads ? firmware.tdCount : 0,
            cpuCount: cpus.count, callsPerSecond: configuration.tdCallsPerSecond)
    }

    /// Starts the TD workload threads.
    public func startWorkloads() { workloads.start() }

    /// Stops the TD workloads and the stopper threads. Call once when done.
    public func shutdown() {
        workloads.stop()
        kernel.machine.shutdown()
    }

    /// Runs one update directly (the firmware-upload `write` op calls the same).
    public func update(imageBytes: [UInt8]) -> UpdateAttempt { kernel.update(imageBytes: imageBytes) }

    /// A digest of every TD's state, by TD index.
    public func tdDigests() -> [[UInt8]] { (0..<firmware.tdCount).map { firmware.tdDigest($0) } }

    /// The SEAMCALL layer (overlap counter, recorded failures).
    public var layer: SeamcallLayer { kernel.layer }

    static func staticFiles(cpus: CPUSet, cpuidEAX: UInt32, offline: [Int]) -> [String: String] {
        let signature = CPUIDSignature(rawValue: cpuidEAX)
        let online = cpus.cpus.map(\.id).filter { !offline.contains($0) }
        let processors = online.map {
            ProcessorInfo(processor: $0, vendor: "GenuineIntel", signature: signature, reportsTDXHostPlatform: true)
        }
        return [
            HostPaths.cpuinfo: ProcessorInfo.cpuinfoText(processors),
            HostPaths.cpusOnline: CPUList.format(online) + "\n",
            HostPaths.cpusPresent: CPUList.format(cpus.cpus.map(\.id)) + "\n",
            HostPaths.cpusPossible: CPUList.format(cpus.cpus.map(\.id)) + "\n",
        ]
    }
}
