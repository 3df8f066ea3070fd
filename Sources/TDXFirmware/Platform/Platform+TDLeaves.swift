import Crypto

/// Guest-facing host leaves: enough to build a TD, run it, and read its state (spec 4.3, 4.5).
/// TD state lives in ``PlatformState/tds`` (TDX-private memory), outside the SEAM range.
extension Platform {
    /// TDH.MNG.CREATE: create a TD with room for `maxVCPUs` vCPUs and assign it a private key id (HKID).
    /// - Throws: `TDX_OPERAND_INVALID` for `maxVCPUs` outside 1...64.
    public func tdCreate(lp: Int, maxVCPUs: Int = 1) throws(SeamcallFailure) -> TDHandle {
        try moduleCall(.mngCreate, lp: lp) {
            (module: inout ModuleInstance, state: inout PlatformState) throws(Refusal) in
            guard (1...64).contains(maxVCPUs) else {
                throw Refusal(.operandInvalid.with(detail: 68), "max vCPUs \(maxVCPUs) outside 1...64")
            }
            let handle = TDHandle(rawValue: state.nextTDR)
            state.nextTDR += UInt64(PhysicalMemory.pageSize)
            let hkid = state.nextHKID
            state.nextHKID &+= 1
            module.keyOwnership.insert(hkid)
            state.tds[handle] = TDState(
                handle: handle, hkid: hkid, maxVCPUs: maxVCPUs,
                createdWithHV: module.handoffVersions.moduleHV, createdWithSeamdbIndex: module.seamdbIndex)
            return handle
        }
    }

    /// TDH.MNG.INIT: configure the TD and start its measured build (from here until TDH.MR.FINALIZE the TD
    /// counts as a build in progress, the TD-build erratum's window).
    public func tdInit(lp: Int, td: TDHandle) throws(SeamcallFailure) {
        try tdCall(.mngInit, lp: lp, td: td) { (td: inout TDState, _: ModuleInstance) throws(Refusal) in
            guard td.lifecycle == .created else {
                throw Refusal(.lifecycleStateIncorrect, "\(td.handle) is \(td.lifecycle); TDH.MNG.INIT runs once")
            }
            td.lifecycle = .building
        }
    }

    /// TDH.VP.CREATE (+ TDH.VP.INIT): add a vCPU while the TD is being built; returns its index.
    public func vpCreate(lp: Int, td: TDHandle) throws(SeamcallFailure) -> Int {
        try tdCall(.vpCreate, lp: lp, td: td) { (td: inout TDState, _: ModuleInstance) throws(Refusal) in
            guard td.lifecycle == .building else {
                throw Refusal(.opStateIncorrect, "\(td.handle) is \(td.lifecycle); vCPUs are created during the build")
            }
            guard td.vcpus.count < td.maxVCPUs else {
                throw Refusal(.maxVCPUsExceeded, "\(td.handle) already has \(td.maxVCPUs) vCPUs")
            }
            td.vcpus.append(VCPUState())
            return td.vcpus.count - 1
        }
    }

    /// TDH.MEM.PAGE.ADD + TDH.MR.EXTEND: add an initial guest page with `contents` (≤ 4096 bytes, zero-padded)
    /// at `gpa` and extend MRTD with it.
    public func memPageAdd(lp: Int, td: TDHandle, gpa: UInt64, contents: [UInt8]) throws(SeamcallFailure) {
        try tdCall(.memPageAdd, lp: lp, td: td) { (td: inout TDState, _: ModuleInstance) throws(Refusal) in
            guard td.lifecycle == .building else {
                throw Refusal(.opStateIncorrect, "\(td.handle) is \(td.lifecycle); PAGE.ADD is for the build")
            }
            try Self.checkNewPage(td, gpa: gpa, size: contents.count)
            let page = contents.padded(to: PhysicalMemory.pageSize)
            td.pages[gpa] = page
            td.pageOrder.append(gpa)
            withUnsafeBytes(of: gpa.littleEndian) { td.measurement.update(bufferPointer: $0) }
            td.measurement.update(data: page)
        }
    }

    /// TDH.MR.FINALIZE: end the build; MRTD becomes final and vCPUs may run.
    /// - Throws: `TDX_NO_VCPUS` when the TD has no vCPU.
    public func mrFinalize(lp: Int, td: TDHandle) throws(SeamcallFailure) {
        try tdCall(.mrFinalize, lp: lp, td: td) { (td: inout TDState, _: ModuleInstance) throws(Refusal) in
            guard td.lifecycle == .building else {
                throw Refusal(.opStateIncorrect, "\(td.handle) is \(td.lifecycle); nothing to finalize")
            }
            guard !td.vcpus.isEmpty else { throw Refusal(.noVCPUs, "\(td.handle) has no vCPU") }
            td.mrtd = Array(td.measurement.finalize())
            td.lifecycle = .runnable
        }
    }

    /// TDH.MEM.PAGE.AUG: add a zeroed page at `gpa` to a running TD (accepted by the guest on first use).
    public func memPageAug(lp: Int, td: TDHandle, gpa: UInt64) throws(SeamcallFailure) {
        try tdCall(.memPageAug, lp: lp, td: td) { (td: inout TDState, _: ModuleInstance) throws(Refusal) in
            guard td.lifecycle == .runnable else {
                throw Refusal(.opStateIncorrect, "\(td.handle) is \(td.lifecycle); PAGE.AUG needs a finalized TD")
            }
            try Self.checkNewPage(td, gpa: gpa, size: 0)
            td.pages[gpa] = [UInt8](repeating: 0, count: PhysicalMemory.pageSize)
            td.pageOrder.append(gpa)
        }
    }

    /// TDH.VP.ENTER: run vCPU `vcpu` for one step of its guest program (it mixes RAX, writes it into one of
    /// the TD's pages and advances RIP), then exit back to the host.
    /// - Returns: the vCPU's state after the exit.
    @discardableResult
    public func vpEnter(lp: Int, td: TDHandle, vcpu: Int) throws(SeamcallFailure) -> VCPUState {
        try tdCall(.vpEnter, lp: lp, td: td) { (td: inout TDState, _: ModuleInstance) throws(Refusal) in
            guard td.lifecycle == .runnable else {
                throw Refusal(.opStateIncorrect, "\(td.handle) is \(td.lifecycle); finalize it before entering")
            }
            guard td.vcpus.indices.contains(vcpu) else {
                throw Refusal(.operandInvalid.with(detail: 1), "\(td.handle) has no vCPU \(vcpu)")
            }
            td.runGuest(vcpu: vcpu)
            return td.vcpus[vcpu]
        }
    }

    /// TDH.VP.RD: read a vCPU field.
    public func vpRead(lp: Int, td: TDHandle, vcpu: Int, field: VCPUField) throws(SeamcallFailure) -> UInt64 {
        try tdCall(.vpRead, lp: lp, td: td) { (td: inout TDState, _: ModuleInstance) throws(Refusal) in
            guard td.vcpus.indices.contains(vcpu) else {
                throw Refusal(.operandInvalid.with(detail: 1), "\(td.handle) has no vCPU \(vcpu)")
            }
            let state = td.vcpus[vcpu]
            switch field {
            case .rip: return state.rip
            case .rax: return state.rax
            case .rbx: return state.rbx
            case .enterCount: return state.enterCount
            }
        }
    }

    /// TDH.MEM.RD: read the 8 bytes at `gpa + offset` (offset 8-byte aligned, within the page).
    public func memRead(lp: Int, td: TDHandle, gpa: UInt64, offset: Int = 0) throws(SeamcallFailure) -> UInt64 {
        try tdCall(.memRead, lp: lp, td: td) { (td: inout TDState, _: ModuleInstance) throws(Refusal) in
            guard offset >= 0, offset % 8 == 0, offset + 8 <= PhysicalMemory.pageSize else {
                throw Refusal(.operandInvalid.with(detail: 2), "offset \(offset) not 8-aligned within a page")
            }
            guard let page = td.pages[gpa] else {
                throw Refusal(.eptEntryFree, "no page at GPA 0x\(String(gpa, radix: 16))")
            }
            return page.readLE(UInt64.self, at: offset)
        }
    }

    /// Runs a TD leaf: module gating, then the TD must exist and its key be known to the running module.
    private func tdCall<T>(
        _ leaf: SeamcallLeaf, lp: Int, td handle: TDHandle,
        _ body: (inout TDState, ModuleInstance) throws(Refusal) -> T
    ) throws(SeamcallFailure) -> T {
        try moduleCall(leaf, lp: lp) { (module: inout ModuleInstance, state: inout PlatformState) throws(Refusal) in
            // Take the TD out while the leaf works on it, so its pages are mutated in place, not copied.
            guard var td = state.tds.removeValue(forKey: handle) else {
                throw Refusal(.operandInvalid.with(detail: 1), "\(handle) is not a TD (never created, or lost)")
            }
            defer { state.tds[handle] = td }
            guard module.keyOwnership.contains(td.hkid) else {
                throw Refusal(.tdKeysNotConfigured, "\(handle)'s key (HKID \(td.hkid)) is not known to this module")
            }
            return try body(&td, module)
        }
    }

    private static func checkNewPage(_ td: TDState, gpa: UInt64, size: Int) throws(Refusal) {
        guard gpa % UInt64(PhysicalMemory.pageSize) == 0, size <= PhysicalMemory.pageSize else {
            throw Refusal(.operandInvalid.with(detail: 1), "GPA 0x\(String(gpa, radix: 16)) or size \(size) invalid")
        }
        guard td.pages[gpa] == nil else {
            throw Refusal(.eptEntryNotFree, "GPA 0x\(String(gpa, radix: 16)) is already mapped")
        }
    }
}
