import TDXFirmware
import Testing

@testable import TDXHost

@Suite("--inject STEP:CPU[:STATUS] parsing")
struct StepFaultTests {
    @Test("valid faults")
    func valid() throws {
        #expect(try StepFault(parsing: "install:1") == StepFault(step: .install, cpu: 1))
        #expect(try StepFault(parsing: "shutdown:0") == StepFault(step: .shutdown, cpu: 0))
        #expect(try StepFault(parsing: "init:2:TDX_SYS_BUSY") == StepFault(step: .`init`, cpu: 2, status: .sysBusy))
        #expect(
            try StepFault(parsing: "restore:0:0xC000050800000000")
                == StepFault(step: .restore, cpu: 0, status: .sysStateIncorrect))
        #expect(try StepFault(parsing: "recover-install:3").step == .recoverInstall)
        #expect(try StepFault(parsing: "install:1:hang") == StepFault(step: .install, cpu: 1, hangs: true))
        #expect(try StepFault(parsing: "init:0:HANG").description == "init:0:hang")
    }

    @Test(
        "invalid faults name what is wrong",
        arguments: [
            ("install", StepFaultParseError.malformed("install")),
            ("reboot:1", .unknownStep("reboot")),
            ("install:-1", .badCPU("-1")),
            ("install:x", .badCPU("x")),
            ("init:0:NOT_A_STATUS", .unknownStatus("NOT_A_STATUS")),
            ("init:0:1:2", .malformed("init:0:1:2")),
        ])
    func invalid(text: String, expected: StepFaultParseError) {
        #expect(throws: expected) { try StepFault(parsing: text) }
    }
}
