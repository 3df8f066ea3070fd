import TDXSysfs
import Testing

@Suite("CPU vocabulary: CPUID.1.EAX signatures, /proc/cpuinfo, CPU lists")
struct CPUVocabularyTests {
    @Test(
        "CPUID.1.EAX is rebuilt from cpuinfo's family/model/stepping",
        arguments: [
            (6, 143, 8, UInt32(0x806F8)),  // Sapphire Rapids
            (6, 207, 2, 0xC06F2),  // Emerald Rapids
            (6, 173, 1, 0xA06D1),  // Granite Rapids
            (6, 175, 3, 0xA06F3),  // Sierra Forest
            (6, 174, 0, 0xA06E0),  // Granite Rapids-D
            (15, 6, 5, 0xF65),  // family 15 without extended family
            (25, 17, 1, 0xA10F11),  // family 0x19 (extended family 0xA)
            (5, 4, 3, 0x543),
        ])
    func signature(family: Int, model: Int, stepping: Int, raw: UInt32) throws {
        let signature = try #require(CPUIDSignature(family: family, model: model, stepping: stepping))
        #expect(signature.rawValue == raw)
        #expect(signature.family == family)
        #expect(signature.model == model)
        #expect(signature.stepping == stepping)
        #expect(signature.withoutStepping.rawValue == raw & 0xFFFF_FFF0)
    }

    @Test("values CPUID cannot encode are refused")
    func unencodable() {
        #expect(CPUIDSignature(family: 5, model: 0x20, stepping: 0) == nil)
        #expect(CPUIDSignature(family: 6, model: 0x100, stepping: 0) == nil)
        #expect(CPUIDSignature(family: 6, model: 1, stepping: 16) == nil)
        #expect(CPUIDSignature(family: -1, model: 1, stepping: 1) == nil)
    }

    @Test("cpuinfo written for several sockets reads back every CPU's signature and flag")
    func cpuinfoRoundTrip() throws {
        let sapphireRapids = CPUIDSignature(rawValue: 0x806F8)
        let emeraldRapids = CPUIDSignature(rawValue: 0xC06F2)
        let written = [
            ProcessorInfo(
                processor: 0, vendor: "GenuineIntel", signature: sapphireRapids, reportsTDXHostPlatform: true),
            ProcessorInfo(
                processor: 1, vendor: "GenuineIntel", signature: sapphireRapids, reportsTDXHostPlatform: true),
            ProcessorInfo(
                processor: 4, vendor: "GenuineIntel", signature: emeraldRapids, reportsTDXHostPlatform: false),
        ]
        let text = ProcessorInfo.cpuinfoText(written)
        #expect(text.contains("cpu family\t: 6\nmodel\t\t: 143\nstepping\t: 8\n"))
        #expect(try ProcessorInfo.parseCPUInfo(text) == written)
    }

    @Test("cpuinfo problems name the block and field")
    func cpuinfoErrors() {
        #expect(throws: CPUInfoError.noProcessors) { try ProcessorInfo.parseCPUInfo("") }
        #expect(throws: CPUInfoError.missingField(block: 0, field: "stepping")) {
            try ProcessorInfo.parseCPUInfo("processor\t: 0\ncpu family\t: 6\nmodel\t\t: 143\n\n")
        }
        #expect(throws: CPUInfoError.invalidField(block: 1, field: "model", value: "x")) {
            try ProcessorInfo.parseCPUInfo(
                "processor : 0\ncpu family : 6\nmodel : 1\nstepping : 1\n\nprocessor : 1\ncpu family : 6\nmodel : x\nstepping : 1\n"
            )
        }
    }

    @Test(
        "CPU lists parse and format like the kernel's",
        arguments: [
            ("0-3\n", [0, 1, 2, 3]), ("0,2-3,7", [0, 2, 3, 7]), ("5", [5]), ("\n", []),
        ])
    func cpuList(text: String, cpus: [Int]) {
        #expect(CPUList.parse(text) == cpus)
        #expect(CPUList.parse(CPUList.format(cpus)) == cpus)
    }

    @Test("malformed CPU lists are refused", arguments: ["a", "3-1", "1,,2", "-1", "1-", "0-2-3"])
    func cpuListMalformed(text: String) {
        #expect(CPUList.parse(text) == nil)
    }
    @Test("CPU lists out of order or with repeats parse sorted and format compactly")
    func cpuListUnordered() {
        #expect(CPUList.parse("7,0-2,1") == [0, 1, 2, 7])
        #expect(CPUList.format([7, 0, 2, 1, 1]) == "0-2,7")
        #expect(CPUList.format([]) == "")
        #expect(CPUList.parse("+1") == nil)
    }

    @Test("a 4096-CPU list round-trips")
    func cpuListLarge() {
        let cpus = Array(0..<4096).filter { $0 % 3 != 1 }
        #expect(CPUList.parse(CPUList.format(cpus)) == cpus)
        #expect(CPUList.parse("0-4095") == Array(0..<4096))
    }
}
