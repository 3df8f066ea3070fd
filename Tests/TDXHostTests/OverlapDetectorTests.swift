import Foundation
import TDXFirmware
import TDXImage
import Testing

@testable import TDXHost

/// Firmware whose TD call blocks until released, to hold a TD SEAMCALL in flight.
final class BlockingTDFirmware: HostFirmware {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    func readModuleHandoffVersion(lp: Int) -> Result<UInt16, SeamcallFailure> { .success(0) }
    func readModuleVersion(lp: Int) -> Result<ModuleVersion, SeamcallFailure> {
        .success(ModuleVersion(major: 1, minor: 5, update: 6))
    }
    func tdPreservingSupported(lp: Int) -> Bool { true }
    func stage(_ image: UpdateImage) {}
    func shutdown(lp: Int, handoffVersion: UInt16) -> SeamcallStatus { .success }
    func install(lp: Int, image: UpdateImage) -> SeamcallStatus { .success }
    func systemInit(lp: Int) -> SeamcallStatus { .success }
    func lpInit(lp: Int) -> SeamcallStatus { .success }
    func update(lp: Int) -> SeamcallStatus { .success }
    func seamldrInfo(lp: Int) -> Result<SeamldrStatusInfo, SeamcallFailure> {
        .success(SeamldrStatusInfo(version: ModuleVersion(major: 2, minor: 0, update: 0), remainingUpdates: 1))
    }
    var tdCount: Int { 1 }
    func runTD(_ td: Int, lp: Int) -> SeamcallStatus {
        entered.signal()
        release.wait()
        return .success
    }
    func tdDigest(_ td: Int) -> [UInt8] { [] }
    func tdsInBuild() -> [Int] { [] }
}

@Suite("the overlap detector sees a TD SEAMCALL that runs during an update step")
struct OverlapDetectorTests {
    @Test("a TD call outside the gate while a step runs counts as an overlap", .timeLimit(.minutes(3)))
    func detectsOverlap() {
        let firmware = BlockingTDFirmware()
        let layer = SeamcallLayer(firmware: firmware)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = layer.tdCall(td: 0, lp: 0)
            done.signal()
        }
        firmware.entered.wait()
        let status = layer.duringUpdateStep {
            layer.updateCall(step: .install, cpu: 0, leaf: .seamldrInstall) { firmware.install(lp: 0, image: dummy) }
        }
        #expect(status == .success)
        #expect(layer.seamcallOverlaps >= 1)
        firmware.release.signal()
        done.wait()
    }

    @Test("a TD call that starts while a step runs counts too", .timeLimit(.minutes(3)))
    func detectsLateTDCall() {
        let firmware = BlockingTDFirmware()
        let layer = SeamcallLayer(firmware: firmware)
        let stepRunning = DispatchSemaphore(value: 0)
        let finishStep = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            layer.duringUpdateStep {
                stepRunning.signal()
                finishStep.wait()
            }
        }
        stepRunning.wait()
        Thread.detachNewThread { _ = layer.tdCall(td: 0, lp: 0) }
        firmware.entered.wait()
        #expect(layer.seamcallOverlaps >= 1)
        firmware.release.signal()
        finishStep.signal()
    }

    @Test("calls one after the other are no overlap")
    func sequentialIsClean() {
        let firmware = BlockingTDFirmware()
        firmware.release.signal()
        let layer = SeamcallLayer(firmware: firmware)
        _ = layer.tdCall(td: 0, lp: 0)
        layer.duringUpdateStep {}
        #expect(layer.seamcallOverlaps == 0)
        #expect(layer.tdCalls == 1)
    }

    @Test("an injected fault fires once, on its step and CPU only, and is recorded")
    func injectionFiresOnce() {
        let layer = SeamcallLayer(firmware: BlockingTDFirmware(), faults: [StepFault(step: .install, cpu: 1)])
        let call = { (step: UpdateStep, cpu: Int) in
            layer.updateCall(step: step, cpu: cpu, leaf: .seamldrInstall) { .success }
        }
        #expect(call(.install, 0) == .success)
        #expect(call(.`init`, 1) == .success)
        #expect(call(.install, 1) == FaultInjection.defaultStatus(for: .seamldrInstall))
        #expect(call(.install, 1) == .success)
        #expect(layer.recordedFailures.count == 1)
        #expect(layer.recordedFailures.first?.injected == true)
        #expect(layer.unfiredFaults.isEmpty)
    }

    @Test("free firmware: update and TD calls succeed without reaching the firmware", .timeLimit(.minutes(3)))
    func freeMode() {
        let firmware = BlockingTDFirmware()
        let layer = SeamcallLayer(firmware: firmware, mode: .free)
        var reached = false
        let status = layer.updateCall(step: .shutdown, cpu: 0, leaf: .sysShutdown) {
            reached = true
            return .sysBusy
        }
        #expect(status == .success)
        #expect(!reached)
        #expect(layer.tdCall(td: 0, lp: 0) == .success)
    }
}

/// Any image: the blocking firmware ignores it.
private let dummy: UpdateImage = {
    let image = try! ModuleImage(parsing: Fixtures.v1_5_08)
    return UpdateImage(
        image: image, version: ModuleVersion(major: 1, minor: 5, update: 8), verification: image.verify())
}()
