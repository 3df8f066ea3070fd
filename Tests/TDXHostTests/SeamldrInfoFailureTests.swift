import Lockstep
import TDXFirmware
import TDXImage
import Testing

@testable import TDXHost

/// The host's firmware with SEAMLDR.INFO failing: every other call goes to the model.
private struct SeamldrInfoFails: HostFirmware {
    let model: any HostFirmware
    let status: SeamcallStatus

    func readModuleHandoffVersion(lp: Int) -> Result<UInt16, SeamcallFailure> { model.readModuleHandoffVersion(lp: lp) }
    func readModuleVersion(lp: Int) -> Result<ModuleVersion, SeamcallFailure> { model.readModuleVersion(lp: lp) }
    func tdPreservingSupported(lp: Int) -> Bool { model.tdPreservingSupported(lp: lp) }
    func shutdown(lp: Int, handoffVersion: UInt16) -> SeamcallStatus {
        model.shutdown(lp: lp, handoffVersion: handoffVersion)
    }
    func stage(_ image: UpdateImage) { model.stage(image) }
    func install(lp: Int, image: UpdateImage) -> SeamcallStatus { model.install(lp: lp, image: image) }
    func systemInit(lp: Int) -> SeamcallStatus { model.systemInit(lp: lp) }
    func lpInit(lp: Int) -> SeamcallStatus { model.lpInit(lp: lp) }
    func update(lp: Int) -> SeamcallStatus { model.update(lp: lp) }
    func seamldrInfo(lp: Int) -> Result<SeamldrStatusInfo, SeamcallFailure> {
        .failure(SeamcallFailure(leaf: .seamldrInfo, lp: lp, status: status))
    }
    var tdCount: Int { model.tdCount }
    func runTD(_ td: Int, lp: Int) -> SeamcallStatus { model.runTD(td, lp: lp) }
    func tdDigest(_ td: Int) -> [UInt8] { model.tdDigest(td) }
    func tdsInBuild() -> [Int] { model.tdsInBuild() }
}

@Suite("prechecks: a failing SEAMLDR.INFO")
struct SeamldrInfoFailureTests {
    @Test("SEAMLDR.INFO failing refuses the update before anything stops", .timeLimit(.minutes(3)))
    func seamldrInfoFailureRefuses() throws {
        let modelHost = try Fixtures.host(cpus: 2, tds: 2)
        defer { modelHost.shutdown() }
        let running = try UpdateImage.read(Fixtures.v1_5_06, trusting: .test).get()
        let failing = SeamldrInfoFails(model: modelHost.firmware, status: .seamldrBadCall)
        let layer = SeamcallLayer(firmware: failing)
        let machine = try StopMachine(cpus: .simulated(count: 2))
        defer { machine.shutdown() }
        let kernel = TDXKernel(
            machine: machine, layer: layer, runningImage: running, version: running.version,
            configuration: KernelConfiguration())
        let digests = modelHost.tdDigests()

        let attempt = kernel.update(imageBytes: Fixtures.v1_5_08)

        #expect(attempt.refusal?.code == "seamldr_info_failed", "\(String(describing: attempt.refusal))")
        #expect(attempt.refusal?.description.contains("SEAMLDR.INFO failed") == true)
        #expect(attempt.outcome == .failedHarmless)
        #expect(attempt.report == nil, "nothing was stopped")
        #expect(layer.updateCalls == 0, "no update SEAMCALL was made")
        #expect(kernel.moduleVersion == ModuleVersion(major: 1, minor: 5, update: 6))
        #expect(modelHost.tdDigests() == digests)
    }
}
