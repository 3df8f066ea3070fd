import Testing

@testable import TDXFirmware

@Suite("Register-level SEAMCALL")
struct RawSeamcallTests {
    @Test func theKernelsUpdateStepsThroughRegisters() throws {
        let platform = try Fixtures.booted()
        let td = try Fixtures.runningTD(on: platform)
        let before = platform.tdSnapshot(td)
        let hv = platform.seamcall(.sysRead, lp: 0, SeamcallRegisters(rdx: MetadataField.moduleHV.rawValue))
        #expect(hv.status == .success && hv.output.r8 == 0)
        #expect(platform.seamcall(.sysShutdown, lp: 0, SeamcallRegisters(rcx: hv.output.r8)).status == .success)
        let staged = platform.stage(try Fixtures.image(update: 7), scenario: .update)
        for lp in 0..<4 {
            let result = platform.seamcall(.seamldrInstall, lp: lp, SeamcallRegisters(rcx: staged.paramsAddress))
            #expect(result.status == .success)
        }
        #expect(platform.seamcall(.sysInit, lp: 0).status == .success)
        for lp in 0..<4 { #expect(platform.seamcall(.sysLPInit, lp: lp).status == .success) }
        #expect(platform.seamcall(.sysLPInit, lp: 0).status == .sysLPInitDone)
        #expect(platform.seamcall(.sysUpdate, lp: 0).status == .success)
        #expect(platform.tdSnapshot(td) == before)
        let rax = platform.seamcall(
            .vpRead, lp: 2, SeamcallRegisters(rcx: td.rawValue, rdx: 0, r8: VCPUField.rax.rawValue))
        #expect(rax.status == .success && rax.output.r8 == before?.vcpus[0].rax)
    }

    @Test func seamldrInfoFillsTheBuffer() throws {
        let platform = try Fixtures.booted()
        let page = platform.memory.allocatePages(1)[0]
        #expect(platform.seamcall(.seamldrInfo, lp: 1, SeamcallRegisters(rcx: page + 256)).status == .success)
        let buffer = try #require(platform.memory.page(at: page))
        let info = try #require(SeamldrInfo(bytes: Array(buffer[256..<512])))
        #expect(info.numRemainingUpdates == 15)
        #expect(platform.seamcall(.seamldrInfo, lp: 1, SeamcallRegisters(rcx: page + 8)).status == .seamldrBadParam)
    }

    @Test func unknownLeavesAreOperandInvalid() throws {
        let platform = try Fixtures.booted()
        #expect(platform.seamcall(SeamcallLeaf(rawValue: 99), lp: 0).status == .operandInvalid)
        #expect(platform.seamcall(SeamcallLeaf(rawValue: 0x8000_0000_0000_0009), lp: 0).status == .seamldrBadParam)
        #expect(platform.seamcall(.sysRead, lp: 0, SeamcallRegisters(rdx: 7)).status.matches(.metadataFieldIDIncorrect))
    }
}
