import Crypto

/// A TD's state in TDX-private memory outside the SEAM range (TDR, TDCS, TDVPS, Secure EPT, guest pages).
/// It survives SEAMLDR.INSTALL because P-SEAMLDR only wipes the SEAM range.
struct TDState: Sendable {
    let handle: TDHandle
    let hkid: UInt16
    let maxVCPUs: Int
    var lifecycle: TDLifecycle = .created
    var vcpus: [VCPUState] = []
    var pages: [UInt64: [UInt8]] = [:]
    /// Guest pages in the order they were added: the guest program walks them in this order.
    var pageOrder: [UInt64] = []
    var measurement = SHA384()
    var mrtd: [UInt8]?
    var measurementCorrupted = false
    /// SEAMDB index of the module under which the build started, to detect an update mid-build.
    var buildModuleIndex: UInt64 = 0
    let createdWithHV: UInt16
    let createdWithSeamdbIndex: UInt64

    var snapshot: TDSnapshot {
        TDSnapshot(
            handle: handle, hkid: hkid, lifecycle: lifecycle, pages: pages, vcpus: vcpus, mrtd: mrtd,
            measurementCorrupted: measurementCorrupted, createdWithHV: createdWithHV,
            createdWithSeamdbIndex: createdWithSeamdbIndex)
    }

    /// One guest step: the vCPU's program mixes RAX, writes it into one of the TD's pages, and advances RIP.
    /// Deterministic, so two platforms that run the same calls end with the same bytes.
    mutating func runGuest(vcpu index: Int) {
        var vcpu = vcpus[index]
        vcpu.enterCount &+= 1
        vcpu.rax = vcpu.rax &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 &+ UInt64(index)
        vcpu.rip &+= 16
        if !pageOrder.isEmpty {
            let gpa = pageOrder[Int(vcpu.enterCount % UInt64(pageOrder.count))]
            let offset = Int((vcpu.rax >> 17) % UInt64(PhysicalMemory.pageSize / 8)) * 8
            pages[gpa]?.writeLE(vcpu.rax, at: offset)
            vcpu.rbx = (vcpu.rbx &<< 5 | vcpu.rbx &>> 59) ^ vcpu.rax ^ gpa
        }
        vcpus[index] = vcpu
    }
}
