import TDXImage
import TDXSysfs

/// `tdxctl status` as data: what runs on the host and whether it can be updated.
/// Encodes with snake_case keys; unreadable values are null with a `*_error` beside them.
public struct StatusReport: Encodable, Sendable, Equatable {
    /// CPUs sharing one CPUID.1.EAX value.
    public struct CPUGroup: Encodable, Sendable, Equatable {
        /// "0x806F8".
        public let signature: String
        /// The raw CPUID.1.EAX value.
        public let eax: UInt32
        /// Display family.
        public let family: Int
        /// Display model.
        public let model: Int
        /// Stepping.
        public let stepping: Int
        /// The CPUs with this signature.
        public let cpus: [Int]

        enum CodingKeys: String, CodingKey {
            case signature, eax, family, model, stepping, cpus
        }
    }

    /// Whether the host has a usable TDX module.
    public let tdx: Bool
    /// The exit status `tdxctl status` ends with: 0, or 20 without a usable TDX module.
    public let exitCode: Int32
    /// Why there is no usable TDX module, as a code ("no_tdx_host", "module_lost"); null otherwise.
    public let noTDX: String?
    /// Why not, when `tdx` is false.
    public let noTDXReason: String?
    /// The running TDX module version ("1.5.06"), null when unreadable.
    public let moduleVersion: String?
    /// Why the module version is unreadable (ENXIO: the module was lost).
    public let moduleVersionError: String?
    /// The P-SEAMLDR version, null when unreadable (root-only attribute).
    public let seamldrVersion: String?
    /// Why the P-SEAMLDR version is unreadable.
    public let seamldrVersionError: String?
    /// Updates P-SEAMLDR can still take before a reboot.
    public let remainingUpdates: Int?
    /// Why the remaining-updates count is unreadable.
    public let remainingUpdatesError: String?
    /// Whether the kernel offers runtime updates (firmware-upload device present).
    public let updateSupported: Bool
    /// "mainline", "series v4-v7 (...)", "series v3 (...)", "no update support".
    public let interface: String
    /// The firmware-upload directory, when present.
    public let firmwarePath: String?
    /// "v1" or "v2": the format this kernel's upload takes.
    public let uploadFormat: String?
    /// The firmware-upload `status`: "idle", or where a running upload is.
    public let uploadStatus: String?
    /// "ready", "busy" or "incomplete": whether the upload files are all there and idle;
    /// null without update support.
    public let uploadInterface: String?
    /// Which upload file is missing or unusable, when `upload_interface` is "incomplete".
    public let uploadInterfaceError: String?
    /// Online CPUs, null when unreadable.
    public let cpusOnline: [Int]?
    /// Present CPUs, null when unreadable.
    public let cpusPresent: [Int]?
    /// Why the online list is unreadable, naming the file.
    public let cpusOnlineError: String?
    /// Why the present list is unreadable, naming the file.
    public let cpusPresentError: String?
    /// Present CPUs that are offline (an update needs none).
    public let cpusOffline: [Int]?
    /// Why the CPU lists cannot be trusted (empty, online CPUs not present, cpuinfo
    /// listing other CPUs); null when they agree.
    public let cpusError: String?
    /// The CPUs grouped by CPUID.1.EAX, from /proc/cpuinfo.
    public let cpuid: [CPUGroup]
    /// Why /proc/cpuinfo could not be read, null when it could.
    public let cpuinfoError: String?

    enum CodingKeys: String, CodingKey {
        case tdx
        case exitCode = "exit_code"
        case noTDX = "no_tdx"
        case noTDXReason = "no_tdx_reason"
        case moduleVersion = "module_version"
        case moduleVersionError = "module_version_error"
        case seamldrVersion = "seamldr_version"
        case seamldrVersionError = "seamldr_version_error"
        case remainingUpdates = "remaining_updates"
        case remainingUpdatesError = "remaining_updates_error"
        case updateSupported = "update_supported"
        case interface
        case firmwarePath = "firmware_path"
        case uploadFormat = "upload_format"
        case uploadStatus = "upload_status"
        case uploadInterface = "upload_interface"
        case uploadInterfaceError = "upload_interface_error"
        case cpusOnline = "cpus_online"
        case cpusPresent = "cpus_present"
        case cpusOnlineError = "cpus_online_error"
        case cpusPresentError = "cpus_present_error"
        case cpusOffline = "cpus_offline"
        case cpusError = "cpus_error"
        case cpuid
        case cpuinfoError = "cpuinfo_error"
    }

    /// Encodes every key, absent values as null, so consumers always see the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tdx, forKey: .tdx)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(noTDX, forKey: .noTDX)
        try container.encode(noTDXReason, forKey: .noTDXReason)
        try container.encode(moduleVersion, forKey: .moduleVersion)
        try container.encode(moduleVersionError, forKey: .moduleVersionError)
        try container.encode(seamldrVersion, forKey: .seamldrVersion)
        try container.encode(seamldrVersionError, forKey: .seamldrVersionError)
        try container.encode(remainingUpdates, forKey: .remainingUpdates)
        try container.encode(remainingUpdatesError, forKey: .remainingUpdatesError)
        try container.encode(updateSupported, forKey: .updateSupported)
        try container.encode(interface, forKey: .interface)
        try container.encode(firmwarePath, forKey: .firmwarePath)
        try container.encode(uploadFormat, forKey: .uploadFormat)
        try container.encode(uploadStatus, forKey: .uploadStatus)
        try container.encode(uploadInterface, forKey: .uploadInterface)
        try container.encode(uploadInterfaceError, forKey: .uploadInterfaceError)
        try container.encode(cpusOnline, forKey: .cpusOnline)
        try container.encode(cpusPresent, forKey: .cpusPresent)
        try container.encode(cpusOnlineError, forKey: .cpusOnlineError)
        try container.encode(cpusPresentError, forKey: .cpusPresentError)
        try container.encode(cpusOffline, forKey: .cpusOffline)
        try container.encode(cpusError, forKey: .cpusError)
        try container.encode(cpuid, forKey: .cpuid)
        try container.encode(cpuinfoError, forKey: .cpuinfoError)
    }

    /// The report for `status`.
    public init(_ status: HostStatus) {
        let explanation = status.noTDXExplanation
        tdx = explanation == nil
        exitCode = (explanation == nil ? ExitStatus.success : ExitStatus.noTDX).rawValue
        noTDX = status.noTDXReason?.code
        noTDXReason = explanation
        moduleVersion = status.moduleVersion.value?.description
        moduleVersionError = status.moduleVersion.problem
        seamldrVersion = status.seamldrVersion.value?.description
        seamldrVersionError = status.seamldrVersion.problem
        remainingUpdates = status.remainingUpdates.value
        remainingUpdatesError = status.remainingUpdates.problem
        let interfaceState = status.updateSupported ? status.uploadInterface : nil
        if case .incomplete = interfaceState {
            updateSupported = false
        } else {
            updateSupported = status.updateSupported
        }
        interface = status.tdxHostPresent ? status.layout.generation : "none"
        firmwarePath = status.tdxHostPresent ? status.layout.firmwareDirectory : nil
        uploadFormat = updateSupported ? status.layout.uploadFormat.rawValue : nil
        uploadStatus = status.tdxHostPresent ? status.uploadStatus?.value.map { ShownText.clean($0) } : nil
        switch interfaceState {
        case .ready: (uploadInterface, uploadInterfaceError) = ("ready", nil)
        case .busy: (uploadInterface, uploadInterfaceError) = ("busy", nil)
        case .incomplete(let error): (uploadInterface, uploadInterfaceError) = ("incomplete", error.description)
        case nil: (uploadInterface, uploadInterfaceError) = (nil, nil)
        }
        cpusOnline = status.cpusOnline.value
        cpusPresent = status.cpusPresent.value
        cpusOnlineError = status.cpusOnline.problem
        cpusPresentError = status.cpusPresent.problem
        cpusOffline = status.offlineCPUs
        cpusError = status.cpuListProblem
        let processors = status.processors.value ?? []
        cpuid = Dictionary(grouping: processors, by: \.signature).sorted { $0.key < $1.key }.map { signature, group in
            CPUGroup(
                signature: signature.hex, eax: signature.rawValue, family: signature.family, model: signature.model,
                stepping: signature.stepping, cpus: group.map(\.processor).sorted())
        }
        cpuinfoError = status.processors.problem
    }

    /// The report as aligned lines for a terminal.
    public var lines: [String] {
        var lines: [String] = []
        func row(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 19) + value)
        }
        if let noTDXReason { lines.append(noTDXReason) }
        row("TDX module:", moduleVersion ?? "unreadable (\(moduleVersionError ?? "?"))")
        row("P-SEAMLDR:", seamldrVersion ?? "unreadable (\(seamldrVersionError ?? "?"))")
        row("Remaining updates:", remainingUpdates.map(String.init) ?? "unreadable (\(remainingUpdatesError ?? "?"))")
        if updateSupported {
            row("Update support:", "yes: \(interface), \(firmwarePath ?? "?"), takes \(uploadFormat ?? "?") images")
            if let uploadStatus, uploadStatus != "idle" {
                row("Upload:", "in progress (status: \(uploadStatus))")
            }
        } else if let uploadInterfaceError {
            row("Update support:", "no: the upload interface is incomplete (\(uploadInterfaceError))")
        } else {
            row("Update support:", "no (\(interface))")
        }
        var cpus =
            "online \(cpusOnline.map(CPUList.format) ?? "unreadable (\(cpusOnlineError ?? "?"))"), "
            + "present \(cpusPresent.map(CPUList.format) ?? "unreadable (\(cpusPresentError ?? "?"))")"
        if let cpusOffline, cpusError == nil {
            cpus += cpusOffline.isEmpty ? " (all online)" : " (offline: \(CPUList.format(cpusOffline)))"
        }
        if let cpusError { cpus += " (inconsistent: \(cpusError))" }
        row("CPUs:", cpus)
        if cpuid.isEmpty {
            row("CPUID.1.EAX:", "unreadable (\(cpuinfoError ?? "?"))")
        }
        for (index, group) in cpuid.enumerated() {
            row(
                index == 0 ? "CPUID.1.EAX:" : "",
                "\(group.signature) (family \(group.family) model 0x\(String(group.model, radix: 16, uppercase: true)) stepping \(group.stepping)) on CPUs \(CPUList.format(group.cpus))"
            )
        }
        return lines
    }
}

extension String {
    /// The string padded with spaces to at least `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
