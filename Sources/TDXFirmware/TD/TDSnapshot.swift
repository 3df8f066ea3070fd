import Crypto

/// A TD's whole externally-held state: what must be byte-for-byte the same after a successful update.
public struct TDSnapshot: Hashable, Sendable {
    /// The TD.
    public var handle: TDHandle
    /// Its private key id.
    public var hkid: UInt16
    /// Life-cycle state.
    public var lifecycle: TDLifecycle
    /// Guest pages by guest physical address (4096 bytes each).
    public var pages: [UInt64: [UInt8]]
    /// vCPU states, by vCPU index.
    public var vcpus: [VCPUState]
    /// MRTD once finalized (48 bytes), nil while building.
    public var mrtd: [UInt8]?
    /// True when an update ran while the TD was being built (the TD-build erratum): MRTD is wrong.
    public var measurementCorrupted: Bool
    /// module_hv of the module that created the TD (TDR "td_preserving_fields").
    public var createdWithHV: UInt16
    /// SEAMDB index of the module that created the TD.
    public var createdWithSeamdbIndex: UInt64

    /// SHA-256 over a canonical encoding of everything above: equal digests mean equal TDs.
    public var digest: [UInt8] {
        var hasher = SHA256()
        func add<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { hasher.update(bufferPointer: $0) }
        }
        add(handle.rawValue)
        add(hkid)
        hasher.update(data: Array(lifecycle.rawValue.utf8))
        add(UInt64(pages.count))
        for gpa in pages.keys.sorted() {
            add(gpa)
            hasher.update(data: pages[gpa] ?? [])
        }
        add(UInt64(vcpus.count))
        for vcpu in vcpus {
            add(vcpu.rip)
            add(vcpu.rax)
            add(vcpu.rbx)
            add(vcpu.enterCount)
            add(UInt8(vcpu.initialized ? 1 : 0))
        }
        hasher.update(data: mrtd ?? [])
        add(UInt8(measurementCorrupted ? 1 : 0))
        add(createdWithHV)
        add(createdWithSeamdbIndex)
        return Array(hasher.finalize())
    }
}
