import ArgumentParser
import Foundation
import TDXHost
import TDXImage
import TDXSysfs

/// `tdxctl host serve --mount DIR`: a simulated host whose TDs run and whose kernel files
/// (`/sys/devices/faux/tdx_host`, `/sys/class/firmware/tdx_module`, the CPU files and
/// `/proc/cpuinfo`) are real files under DIR, served over libfuse3 until SIGINT or
/// SIGTERM. Any program updates it as it would a real host: a shell, Intel's script with
/// its paths prefixed, `tdxctl update --root DIR`.
struct HostServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a simulated TDX host's /sys and /proc files at a mount point (libfuse3).",
        discussion: """
            Runs until SIGINT or SIGTERM, then unmounts. A host killed with SIGKILL leaves a mount that \
            `fusermount3 -u DIR` removes. Writing 0 to loading returns at once; the update runs in the \
            kernel's worker, and any number of updates may follow one another. Needs a tdxctl built with \
            the FUSE trait (swift build --traits FUSE) and libfuse3 (apt-get install fuse3 libfuse3-dev).
            """)

    @Option(help: ArgumentHelp("The directory to mount the host's root at.", valueName: "DIR"))
    var mount: String

    @Option(help: "Simulated CPU count (default: this machine's online CPUs, pinned).")
    var cpus: Int?

    @Option(help: "How many TDs run.")
    var tds = 3

    @Option(help: ArgumentHelp("Module version the host runs first.", valueName: "version"))
    var from = BuiltinImages.defaultFrom

    @Option(
        help: ArgumentHelp(
            "Folder with module images named tdx_module_X.Y.ZZ.*: the running image comes from it, and the kernel "
                + "knows the versions of the images in it (default: a built-in image signed with the test key).",
            valueName: "DIR"))
    var images: String?

    @Option(
        help: ArgumentHelp(
            "Keys the kernel trusts: intel, test, or a key fingerprint (default: test; intel with --images).",
            valueName: "intel|test|FINGERPRINT"))
    var trust: TrustPolicy?

    @Option(
        name: .customLong("inject"),
        help: ArgumentHelp(
            "Make a firmware call of the next update fail, each once: STEP:CPU[:STATUS|hang], e.g. install:1, "
                + "init:2:TDX_SYS_BUSY, install:1:hang (the call never returns).",
            valueName: "STEP:CPU[:STATUS]"))
    var faults: [StepFault] = []

    @Flag(help: "After a failure past shutdown, re-install the previous image so the TDs survive.")
    var recover = false

    @Option(
        help: ArgumentHelp(
            "Which kernel's files: mainline (Linux 7.2) or legacy (series v3, Intel's script).",
            valueName: "mainline|legacy"))
    var layout = ServeLayout.mainline

    @Option(
        help: ArgumentHelp(
            "CPUID.1.EAX of every simulated CPU (default: 0x806F8, which Intel's 1.5 images list).",
            valueName: "0xEAX"))
    var cpuid = "0x806F8"

    @Option(help: ArgumentHelp("The P-SEAMLDR version SEAMLDR.INFO reports.", valueName: "version"))
    var seamldr: ModuleVersion?

    @Option(help: "How many runtime updates the P-SEAMLDR still accepts (num_remaining_updates).")
    var remaining: UInt32 = 15

    @Flag(help: "A host without update support: no P-SEAMLDR attributes, no firmware-upload device.")
    var noUpdateSupport = false

    @Option(help: ArgumentHelp("Each TD's SEAMCALLs per second (keeps a served host cheap when idle).", valueName: "N"))
    var callRate = 1000

    @Option(
        help: ArgumentHelp(
            "After each update, write the simulated kernel's report (JSON) to FILE, replaced atomically.",
            valueName: "FILE"))
    var report: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let cpus, cpus < 1 || cpus > 4096 { throw ValidationError("--cpus must be between 1 and 4096") }
        guard (0...256).contains(tds) else { throw ValidationError("--tds must be between 0 and 256") }
        guard Self.parseCPUID(cpuid) != nil else {
            throw ValidationError("--cpuid \(cpuid.debugDescription) is not a 32-bit hex value like 0x806F8")
        }
        guard (1...1_000_000).contains(callRate) else {
            throw ValidationError("--call-rate must be between 1 and 1000000")
        }
    }

    /// "0x806F8" or "806f8" as a 32-bit value.
    static func parseCPUID(_ text: String) -> UInt32? {
        let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
        return UInt32(digits, radix: 16)
    }

    /// The host this command's options describe (the running image is set by the caller).
    func hostConfiguration() -> HostConfiguration {
        var configuration = HostConfiguration()
        configuration.cpus = cpus.map { .simulated(count: $0) } ?? .online
        configuration.tdCount = tds
        configuration.tdCallsPerSecond = callRate
        configuration.faults = faults
        configuration.kernel.recovery = recover
        configuration.kernel.layout = layout.sysfsLayout
        configuration.kernel.cpuidEAX = Self.parseCPUID(cpuid) ?? BuiltinImages.cpuidEAX
        configuration.seamldrVersion = seamldr
        configuration.remainingUpdates = remaining
        configuration.updateSupport = !noUpdateSupport
        return configuration
    }

    func run() throws {
        #if FUSE
            try common.reporting { try ServeSession(command: self).run() }
        #else
            try common.reporting {
                throw CommandFailure(
                    .hostUnusable,
                    "this tdxctl was built without the FUSE trait; install libfuse3 (apt-get install fuse3 "
                        + "libfuse3-dev) and build with: swift build --traits FUSE")
            }
        #endif
    }
}

/// `--layout`: the kernel generations a served host can present.
enum ServeLayout: String, ExpressibleByArgument, CaseIterable {
    /// Linux 7.2.
    case mainline
    /// Series v3, the paths Intel's script uses.
    case legacy

    var sysfsLayout: SysfsLayout {
        switch self {
        case .mainline: return .mainline
        case .legacy: return .legacy
        }
    }
}
