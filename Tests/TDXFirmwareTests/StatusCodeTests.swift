import Foundation
import Testing

@testable import TDXFirmware

@Suite("Status codes and leaves keep their real values and names")
struct StatusCodeTests {
    static let expected: [(SeamcallStatus, String, UInt64)] = [
        (.success, "TDX_SUCCESS", 0),
        (.operandInvalid, "TDX_OPERAND_INVALID", 0xC000_0100_0000_0000),
        (.operandBusy, "TDX_OPERAND_BUSY", 0x8000_0200_0000_0000),
        (.sysBusy, "TDX_SYS_BUSY", 0x8000_0202_0000_0000),
        (.rndNoEntropy, "TDX_RND_NO_ENTROPY", 0x8000_0203_0000_0000),
        (.sysInitNotPending, "TDX_SYS_INIT_NOT_PENDING", 0xC000_0500_0000_0000),
        (.sysLPInitNotDone, "TDX_SYS_LP_INIT_NOT_DONE", 0xC000_0502_0000_0000),
        (.sysLPInitDone, "TDX_SYS_LP_INIT_DONE", 0xC000_0503_0000_0000),
        (.sysNotReady, "TDX_SYS_NOT_READY", 0xC000_0505_0000_0000),
        (.sysShutdown, "TDX_SYS_SHUTDOWN", 0xC000_0506_0000_0000),
        (.sysKeyConfigNotPending, "TDX_SYS_KEY_CONFIG_NOT_PENDING", 0xC000_0507_0000_0000),
        (.sysStateIncorrect, "TDX_SYS_STATE_INCORRECT", 0xC000_0508_0000_0000),
        (.sysInvalidHandoff, "TDX_SYS_INVALID_HANDOFF", 0xC000_0509_0000_0000),
        (.sysIncompatibleSigstruct, "TDX_SYS_INCOMPATIBLE_SIGSTRUCT", 0xC000_050A_0000_0000),
        (.sysLPInitNotPending, "TDX_SYS_LP_INIT_NOT_PENDING", 0xC000_050B_0000_0000),
        (.sysConfigNotPending, "TDX_SYS_CONFIG_NOT_PENDING", 0xC000_050C_0000_0000),
        (.incompatibleSEAMCapabilities, "TDX_INCOMPATIBLE_SEAM_CAPABILITIES", 0xC000_050D_0000_0000),
        (.updateCompatSensitive, "TDX_UPDATE_COMPAT_SENSITIVE", 0x8000_0512_0000_0000),
        (.seamldrBadParam, "PSEAMLDR_EBADPARAM", 0x8000_0000_0000_0000),
        (.seamldrBadCall, "PSEAMLDR_EBADCALL", 0x8000_0000_0000_0003),
        (.seamldrBadHandoff, "PSEAMLDR_EBADHANDOFF", 0x8000_0000_0000_0004),
        (.seamldrUnsupported, "PSEAMLDR_EUNSUPPORTED", 0x8000_0000_0000_0006),
        (.seamldrUnsupportedCPU, "PSEAMLDR_EUNSUPCPU", 0x8000_0000_0001_0004),
        (.seamldrBadSignature, "PSEAMLDR_EBADSIG", 0x8000_0000_0002_0000),
        (.seamldrBadHash, "PSEAMLDR_EBADHASH", 0x8000_0000_0002_0001),
        (.seamldrNoEntropy, "PSEAMLDR_ENOENTROPY", 0x8000_0000_0003_0001),
        (.vmFailInvalid, "TDX_SEAMCALL_VMFAILINVALID", 0x8000_FF00_FFFF_0000),
    ]

    @Test("each status has its real value and name", arguments: 0..<expected.count)
    func valueAndName(index: Int) {
        let (status, name, value) = Self.expected[index]
        #expect(status.rawValue == value)
        #expect(status.name == name)
        #expect(SeamcallStatus(name: name) == status)
        #expect(status.description.hasPrefix(name + " (0x"))
    }

    @Test func descriptionShowsSixteenHexDigits() {
        #expect(SeamcallStatus.sysBusy.description == "TDX_SYS_BUSY (0x8000020200000000)")
        #expect(SeamcallStatus.success.description == "TDX_SUCCESS (0x0000000000000000)")
        #expect(SeamcallStatus(rawValue: 0x8000_0999_0000_0000).description == "UNKNOWN_STATUS (0x8000099900000000)")
    }

    @Test func detailBitsKeepTheClassName() {
        let withOperand = SeamcallStatus.operandInvalid.with(detail: 1)
        #expect(withOperand.rawValue == 0xC000_0100_0000_0001)
        #expect(withOperand.name == "TDX_OPERAND_INVALID")
        #expect(withOperand.matches(.operandInvalid))
        #expect(withOperand != .operandInvalid)
        #expect(withOperand.detail == 1)
        // P-SEAMLDR codes compare whole: EBADCALL is not "EBADPARAM with detail 3".
        #expect(!SeamcallStatus.seamldrBadCall.matches(.seamldrBadParam))
    }

    @Test func errorAndRecoverabilityBits() {
        #expect(SeamcallStatus.success.isSuccess)
        #expect(SeamcallStatus.keyConfigured.isSuccess)
        #expect(SeamcallStatus.sysBusy.isError && !SeamcallStatus.sysBusy.isNonRecoverable)
        #expect(SeamcallStatus.sysShutdown.isNonRecoverable)
    }

    @Test func parsesHexAndRejectsNonsense() {
        #expect(SeamcallStatus(name: "0xC000050600000000") == .sysShutdown)
        #expect(SeamcallStatus(name: "tdx_sys_busy") == .sysBusy)
        #expect(SeamcallStatus(name: "NOT_A_STATUS") == nil)
    }

    @Test func leavesHaveTheirRealNumbers() {
        #expect(SeamcallLeaf.sysKeyConfig.rawValue == 31)
        #expect(SeamcallLeaf.sysInit.rawValue == 33)
        #expect(SeamcallLeaf.sysRead.rawValue == 34)
        #expect(SeamcallLeaf.sysLPInit.rawValue == 35)
        #expect(SeamcallLeaf.sysConfig.rawValue == 45)
        #expect(SeamcallLeaf.sysShutdown.rawValue == 52)
        #expect(SeamcallLeaf.sysUpdate.rawValue == 53)
        #expect(SeamcallLeaf.seamldrInfo.rawValue == 0x8000_0000_0000_0000)
        #expect(SeamcallLeaf.seamldrInstall.rawValue == 0x8000_0000_0000_0001)
        #expect(SeamcallLeaf.seamldrInstall.isSeamldr && !SeamcallLeaf.sysUpdate.isSeamldr)
        #expect(SeamcallLeaf.sysShutdown.description == "TDH.SYS.SHUTDOWN (52)")
        #expect(SeamcallLeaf.seamldrInstall.description == "SEAMLDR.INSTALL (0x8000000000000001)")
        #expect(SeamcallLeaf(name: "tdh_sys_update") == .sysUpdate)
        #expect(SeamcallLeaf.allModelled.allSatisfy { SeamcallLeaf(name: $0.name!) == $0 })
    }

    @Test func metadataFieldIDs() {
        #expect(MetadataField.moduleHV.rawValue == 0x8900_0001_0000_0000)
        #expect(MetadataField.tdxFeatures0.rawValue == 0x0A00_0003_0000_0008)
        #expect(MetadataField.majorVersion.rawValue == 0x0800_0001_0000_0004)
        #expect(MetadataField.noDowngrade.description == "NO_DOWNGRADE (0x8900000000000002)")
    }
}

@Suite("Status lists")
struct StatusListTests {
    @Test func everyKnownStatusHasAUniqueName() {
        let names = SeamcallStatus.allKnown.compactMap(\.name)
        #expect(names.count == SeamcallStatus.allKnown.count)
        #expect(Set(names).count == names.count)
        #expect(SeamcallStatus.allKnown.allSatisfy { SeamcallStatus(name: $0.name!) == $0 })
    }

    @Test func statusesEncodeAsTheirRawValue() throws {
        let data = try JSONEncoder().encode([SeamcallStatus.sysBusy])
        #expect(String(decoding: data, as: UTF8.self) == "[\(SeamcallStatus.sysBusy.rawValue)]")
        #expect(try JSONDecoder().decode([SeamcallStatus].self, from: data) == [.sysBusy])
    }
}
