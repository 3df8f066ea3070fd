/// One CPU as `/proc/cpuinfo` describes it, read (``parseCPUInfo(_:)``) by the updater
/// and written (``cpuinfoText(_:)``) by the simulated kernel.
public struct ProcessorInfo: Hashable, Sendable {
    /// The kernel's CPU number ("processor").
    public let processor: Int
    /// "vendor_id", e.g. "GenuineIntel".
    public let vendor: String
    /// CPUID.1.EAX rebuilt from "cpu family", "model" and "stepping".
    public let signature: CPUIDSignature
    /// Whether "flags" lists `tdx_host_platform` (the CPU and BIOS enabled TDX).
    public let reportsTDXHostPlatform: Bool

    /// A processor record from its fields.
    public init(processor: Int, vendor: String, signature: CPUIDSignature, reportsTDXHostPlatform: Bool) {
        self.processor = processor
        self.vendor = vendor
        self.signature = signature
        self.reportsTDXHostPlatform = reportsTDXHostPlatform
    }

    /// Parses `/proc/cpuinfo` (x86 format): one block per online CPU, "key : value" lines.
    ///
    /// Throws naming the CPU block and field when a block lacks a field or holds a value
    /// that is not a number; a file with no processor block is an error too.
    public static func parseCPUInfo(_ text: String) throws(CPUInfoError) -> [ProcessorInfo] {
        var processors: [ProcessorInfo] = []
        var fields: [String: String] = [:]
        var blockIndex = 0
        func finishBlock() throws(CPUInfoError) {
            defer { fields = [:] }
            guard !fields.isEmpty else { return }
            processors.append(try processorInfo(from: fields, block: blockIndex))
            blockIndex += 1
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else {
                if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { try finishBlock() }
                continue
            }
            let key = String(line[..<colon].trimmingEdges([" ", "\t"]))
            let value = String(line[line.index(after: colon)...].trimmingEdges())
            if key == "processor" && fields["processor"] != nil { try finishBlock() }
            fields[key] = value
        }
        try finishBlock()
        guard !processors.isEmpty else { throw .noProcessors }
        return processors
    }

    /// The `/proc/cpuinfo` text the kernel prints for `processors` (the fields this type
    /// holds, x86 layout: "key<TAB>: value", one blank line after each block).
    public static func cpuinfoText(_ processors: [ProcessorInfo]) -> String {
        processors.map { cpu in
            let flags = cpu.reportsTDXHostPlatform ? "fpu tsc msr tdx_host_platform" : "fpu tsc msr"
            return """
                processor\t: \(cpu.processor)
                vendor_id\t: \(cpu.vendor)
                cpu family\t: \(cpu.signature.family)
                model\t\t: \(cpu.signature.model)
                stepping\t: \(cpu.signature.stepping)
                flags\t\t: \(flags)

                """
        }.joined(separator: "\n")
    }

    private static func processorInfo(from fields: [String: String], block: Int) throws(CPUInfoError) -> ProcessorInfo {
        func number(_ key: String) throws(CPUInfoError) -> Int {
            guard let text = fields[key] else { throw .missingField(block: block, field: key) }
            guard let value = Int(text) else { throw .invalidField(block: block, field: key, value: text) }
            return value
        }
        let processor = try number("processor")
        let family = try number("cpu family")
        let model = try number("model")
        let stepping = try number("stepping")
        guard let signature = CPUIDSignature(family: family, model: model, stepping: stepping) else {
            throw .invalidField(
                block: block, field: "cpu family/model/stepping", value: "\(family)/\(model)/\(stepping)")
        }
        let flags = fields["flags"]?.split(separator: " ") ?? []
        return ProcessorInfo(
            processor: processor, vendor: fields["vendor_id"] ?? "", signature: signature,
            reportsTDXHostPlatform: flags.contains("tdx_host_platform"))
    }
}
